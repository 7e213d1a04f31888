"""The store key: 256 random bits, wrapped with AES-GCM under an Argon2id key from the password.

The password never derives the store key itself, so changing it only re-wraps 32 bytes, and a
stolen wrapped key is only as weak as Argon2id at >= 64 MiB / 3 passes makes guessing it.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import asdict, dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.errors import StoreDamagedError, WrongPasswordError
from pace_shared.messages import user_message

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. Production uses the defaults; tests pass cheaper ones explicitly."""

    memory_cost_kib: int = 65_536
    time_cost: int = 3
    parallelism: int = 4

    @classmethod
    def production(cls) -> KdfParams:
        return cls()

    @property
    def meets_production_floor(self) -> bool:
        return self.memory_cost_kib >= 65_536 and self.time_cost >= 3


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """Everything needed to unwrap, except the password. Safe to store: it is ciphertext."""

    kdf: KdfParams
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": self.version,
                "kdf": {"name": "argon2id", **asdict(self.kdf)},
                "salt": _b64(self.salt),
                "nonce": _b64(self.nonce),
                "ciphertext": _b64(self.ciphertext),
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> WrappedKey:
        try:
            data = json.loads(text)
            kdf = data["kdf"]
            if data["version"] != FORMAT_VERSION or kdf["name"] != "argon2id":
                raise ValueError("unsupported wrapped key format")
            return cls(
                kdf=KdfParams(
                    int(kdf["memory_cost_kib"]), int(kdf["time_cost"]), int(kdf["parallelism"])
                ),
                salt=base64.b64decode(data["salt"], validate=True),
                nonce=base64.b64decode(data["nonce"], validate=True),
                ciphertext=base64.b64decode(data["ciphertext"], validate=True),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreDamagedError(
                user_message("errors", "The saved key for this profile is damaged.")
            ) from exc


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def generate_store_key() -> bytearray:
    """A fresh random store key (a bytearray so :func:`forget` can zero it)."""
    return bytearray(secrets.token_bytes(KEY_BYTES))


def forget(key: bytearray | None) -> None:
    """Overwrite a key in memory; best effort, Python may hold other copies briefly."""
    if key is not None:
        for i in range(len(key)):
            key[i] = 0


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _aad(profile_id: str) -> bytes:
    # Binding the profile stops a wrapped key being swapped in from another profile.
    return f"pace-casework/store-key/v{FORMAT_VERSION}/{profile_id}".encode()


def wrap_key(
    key: bytes | bytearray, password: str, profile_id: str, params: KdfParams | None = None
) -> WrappedKey:
    if len(key) != KEY_BYTES:
        raise ValueError("a store key is 32 bytes")
    if not password:
        raise ValueError("a password is required")
    params = params or KdfParams.production()
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    kek = _derive(password, salt, params)
    ciphertext = AESGCM(kek).encrypt(nonce, bytes(key), _aad(profile_id))
    return WrappedKey(params, salt, nonce, ciphertext)


def unwrap_key(wrapped: WrappedKey, password: str, profile_id: str) -> bytearray:
    """The store key, or :class:`WrongPasswordError` (a tampered blob looks the same)."""
    kek = _derive(password, wrapped.salt, wrapped.kdf)
    try:
        return bytearray(AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, _aad(profile_id)))
    except InvalidTag:
        raise WrongPasswordError() from None
