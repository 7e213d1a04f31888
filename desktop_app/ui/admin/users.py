"""Users tab: create, set role, deactivate, reactivate, reset password (decisions.md #8).

The server enforces the password policy and the scopes (an admin: own partner; a system admin:
any); its refusals are shown as it words them, beside the fields of the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QWidget

from desktop_app.session import AdminUser
from desktop_app.ui.i18n import QT_TRANSLATE_NOOP

from ..confirm import confirm
from ..state import AppState
from .common import Column, RowsModel, selected_key, table_view
from .editing import ServerFormDialog, ServerRowsPage

#: Role codes (decisions.md #10) and how the app names them.
ROLES: tuple[tuple[str, str], ...] = (
    ("adviser", QT_TRANSLATE_NOOP("Roles", "Adviser")),
    ("team_lead", QT_TRANSLATE_NOOP("Roles", "Team lead")),
    ("admin", QT_TRANSLATE_NOOP("Roles", "Administrator")),
    ("analyst", QT_TRANSLATE_NOOP("Roles", "Analyst (statistics only)")),
    ("system_admin", QT_TRANSLATE_NOOP("Roles", "System administrator")),
)


def role_name(code: str) -> str:
    names = dict(ROLES)
    return QCoreApplication.translate("Roles", names[code]) if code in names else code


def _active_text(user: AdminUser) -> str:
    if user.active:
        return QCoreApplication.translate("AdminUsers", "Active")
    return QCoreApplication.translate("AdminUsers", "Deactivated")


USER_COLUMNS: tuple[Column[AdminUser], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "Username"), lambda u: u.username),
    Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda u: u.display_name),
    Column(QT_TRANSLATE_NOOP("Columns", "Role"), lambda u: role_name(u.role)),
    Column(QT_TRANSLATE_NOOP("Columns", "Partner"), lambda u: u.partner),
    Column(QT_TRANSLATE_NOOP("Columns", "State"), _active_text),
)


def role_box(allowed: list[str], current: str | None = None) -> QComboBox:
    box = QComboBox()
    for code, _name in ROLES:
        if code in allowed:
            box.addItem(role_name(code), code)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def password_edit(accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible)
    return edit


class CreateUserDialog(ServerFormDialog):
    """A new account; the server checks the password policy and answers why it refuses."""

    def __init__(
        self, roles: list[str], partners: list[str] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("create_user_dialog", self.tr("New user"), parent, min_width=440)
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Username"))
        self.username.setMaxLength(100)
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName(self.tr("Display name"))
        self.display_name.setMaxLength(200)
        self.role = role_box(roles, "adviser")
        self.role.setAccessibleName(self.tr("Role"))
        self.partner: QComboBox | None = None
        self.password = password_edit(self.tr("Password"))
        self.confirm = password_edit(self.tr("Confirm password"))
        form = QFormLayout()
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Display name"), self.display_name)
        form.addRow(self.tr("&Role"), self.role)
        if partners:  # a system admin chooses the partner; an admin's users join their own
            self.partner = QComboBox()
            self.partner.setAccessibleName(self.tr("Partner"))
            for code in partners:
                self.partner.addItem(code, code)
            form.addRow(self.tr("&Partner"), self.partner)
        form.addRow(self.tr("Pass&word"), self.password)
        form.addRow(self.tr("Con&firm password"), self.confirm)
        hint = QLabel(self.tr("At least 12 characters, not the username, not a common password."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.finish(form)
        self.on_save: Callable[[CreateUserDialog], None] | None = None

    def check(self) -> None:
        if not self.username.text().strip():
            self.say(self.tr("Type a username."))
            self.username.setFocus()
        elif self.password.text() != self.confirm.text():
            self.say(self.tr("The two passwords are not the same."))
            self.confirm.setFocus()
        elif self.on_save is not None:
            self.say("")
            self.on_save(self)


class PasswordDialog(ServerFormDialog):
    """A new password for someone who forgot theirs; every session of theirs ends."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "reset_password_dialog",
            self.tr("Reset the password of {user}").format(user=username),
            parent,
            min_width=420,
        )
        self.password = password_edit(self.tr("New password"))
        self.confirm = password_edit(self.tr("Confirm new password"))
        form = QFormLayout()
        form.addRow(self.tr("New &password"), self.password)
        form.addRow(self.tr("Con&firm password"), self.confirm)
        self.finish(form)
        self.on_save: Callable[[str], object] | None = None

    def check(self) -> None:
        if self.password.text() != self.confirm.text():
            self.say(self.tr("The two passwords are not the same."))
        elif self.on_save is not None:
            self.say("")
            self.on_save(self.password.text())


class RoleDialog(ServerFormDialog):
    def __init__(
        self, username: str, roles: list[str], current: str, parent: QWidget | None = None
    ) -> None:
        super().__init__("role_dialog", self.tr("Role of {user}").format(user=username), parent)
        self.role = role_box(roles, current)
        self.role.setAccessibleName(self.tr("Role"))
        form = QFormLayout()
        form.addRow(self.tr("&Role"), self.role)
        self.finish(form)
        self.on_save: Callable[[str], object] | None = None

    def check(self) -> None:
        if self.on_save is not None:
            self.on_save(str(self.role.currentData()))


class UsersPage(ServerRowsPage[AdminUser]):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("admin_users")
        self.model = RowsModel(USER_COLUMNS, lambda u: u.username, self)
        self.table = table_view(self.model, self.tr("Users"))
        self.table.setObjectName("users_table")
        self.new_button = self.button(
            self.tr("&New user…"), self.tr("Create a user"), self.new_user
        )
        self.role_button = self.button(
            self.tr("Set r&ole…"), self.tr("Change the selected user's role"), self.change_role
        )
        self.deactivate_button = self.button(
            self.tr("D&eactivate"), self.tr("Deactivate the selected user"), self.deactivate
        )
        self.reactivate_button = self.button(
            self.tr("Re&activate"), self.tr("Reactivate the selected user"), self.reactivate
        )
        self.password_button = self.button(
            self.tr("Reset &password…"),
            self.tr("Set a new password for the selected user"),
            self.reset_password,
        )
        self.refresh_button = self.button(
            self.tr("Re&fresh"), self.tr("Load the users again"), self.reload
        )
        self.lay_out(
            [
                self.new_button,
                self.role_button,
                self.deactivate_button,
                self.reactivate_button,
                self.password_button,
                self.refresh_button,
            ],
            self.table,
        )

    def message_fields(self, row: AdminUser) -> dict[str, str]:
        return {"user": row.username}

    @property
    def system_admin(self) -> bool:
        session = self.state.session
        return session is not None and session.user.role == "system_admin"

    def roles(self) -> list[str]:
        codes = [code for code, _ in ROLES]
        return codes if self.system_admin else [c for c in codes if c != "system_admin"]

    def reload(self) -> None:
        self.call(
            lambda api: api.users(),
            lambda users: self.show_rows(users, self.tr("{count} users.")),
            label=self.tr("Loading users…"),
        )

    def selected(self) -> AdminUser | None:
        key = selected_key(self.table)
        return self.model.row_of(key) if key else None

    def _need_selection(self) -> AdminUser | None:
        return self.selected_row(self.tr("Select a user in the table first."))

    # -- operations ----------------------------------------------------------------------------
    def new_user(self) -> CreateUserDialog:
        partners = sorted({u.partner for u in self.model.rows}) if self.system_admin else None
        dialog = CreateUserDialog(self.roles(), partners, self)

        def save(d: CreateUserDialog) -> None:
            username, name = d.username.text().strip(), d.display_name.text().strip()
            role, password = str(d.role.currentData()), d.password.text()
            partner = str(d.partner.currentData()) if d.partner is not None else None
            self.send(
                lambda api: api.create_user(username, name or username, role, password, partner),
                self.tr("User {user} created."),
                self.tr("Creating the user…"),
                d,
            )

        dialog.on_save = save
        return self.open_dialog(dialog)

    def change_role(self) -> RoleDialog | None:
        user = self._need_selection()
        if user is None:
            return None
        dialog = RoleDialog(user.username, self.roles(), user.role, self)
        dialog.on_save = lambda role: self.send(
            lambda api: api.set_role(user.username, role),
            self.tr("The role of {user} was changed."),
            self.tr("Changing the role…"),
            dialog,
        )
        return self.open_dialog(dialog)

    def reset_password(self) -> PasswordDialog | None:
        user = self._need_selection()
        if user is None:
            return None
        dialog = PasswordDialog(user.username, self)
        dialog.on_save = lambda password: self.send(
            lambda api: api.reset_password(user.username, password),
            self.tr("The password of {user} was reset; their sessions ended."),
            self.tr("Resetting the password…"),
            dialog,
        )
        return self.open_dialog(dialog)

    def deactivate(self) -> QMessageBox | None:
        user = self._need_selection()
        if user is None:
            return None
        return confirm(
            self,
            "deactivate_confirm",
            self.tr("Deactivate {user}?").format(user=user.username),
            self.tr(
                "{user} will no longer be able to sign in, and every laptop they use is "
                "revoked: each one wipes its local data the next time it contacts the server, "
                "including changes not yet synced. Reactivating them later does not restore "
                "the laptops; they set them up again."
            ).format(user=user.username),
            self.tr("&Deactivate and revoke laptops"),
            lambda: self._deactivate(user.username),
        )

    def _deactivate(self, username: str) -> None:
        self.send(
            lambda api: api.deactivate_user(username),
            self.tr("{user} was deactivated; their laptops are revoked."),
            self.tr("Deactivating…"),
        )

    def reactivate(self) -> None:
        user = self._need_selection()
        if user is not None:
            self.send(
                lambda api: api.reactivate_user(user.username),
                self.tr("{user} can sign in again (on a newly set up laptop)."),
                self.tr("Reactivating…"),
            )
