; Inno Setup script for PACE Casework on Windows: a per-user install (no administrator rights)
; over the PyInstaller bundle. Build on Windows, from the repository root:
;
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build installers\pace-casework.spec
;   iscc /DAppVersion=0.1.0 installers\windows\pace-casework.iss
;
; Output: dist\pace-casework-<version>-setup.exe. Not built or tested on the Linux CI.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "PACE Casework"
#define AppExe "pace-casework.exe"
#define Bundle "..\..\dist\pace-casework"

[Setup]
; A fixed AppId keeps upgrades and the uninstaller pointing at the same installation.
AppId={{6C1F3A52-8E0B-4C61-9A27-3F5D2B7E9C41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=PACE Partnership
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=pace-casework-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\pace-casework.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The adviser's profile (the encrypted store) lives in the user's data folder, not in {app}:
; uninstalling removes the program only, never casework.
