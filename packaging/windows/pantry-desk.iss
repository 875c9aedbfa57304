; Inno Setup 6 script: the Windows installer for Pantry Desk, made from the PyInstaller folder dist\pantry-desk\
; (packaging\pantry-desk-windows.spec). Build on Windows with Inno Setup 6.3 or later, from the repository root:
;
;   for /f %v in ('.venv\Scripts\python -c "import pantry; print(pantry.__version__)"') do ^
;     "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=%v packaging\windows\pantry-desk.iss
;
; The version comes from pantry/__init__.py (the one place it is written), passed in with /DAppVersion.
; Output: dist\pantry-desk-VERSION-setup.exe.
;
; Installs for the current user without administrator rights by default (a pantry's laptop often has no admin at
; hand); "Install for all users" is offered when the person can elevate. Uninstalling removes the program only:
; the pantry's database, backups and settings (in %LOCALAPPDATA%\pantry-desk and the backup folder chosen in the
; app) are the pantry's records and are never touched.

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=X.Y.Z packaging\windows\pantry-desk.iss
#endif

#define AppName "Pantry Desk"
#define AppExe "pantry-desk.exe"
#define BundleDir "..\..\dist\pantry-desk"

[Setup]
; AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{8E6A79E1-584A-46CB-AAE5-22D80A4A71D6}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Pantry Desk contributors
AppCopyright=AGPL-3.0-or-later
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; A running Pantry Desk holds its files open: ask to close it before upgrading or uninstalling.
CloseApplications=yes
RestartApplications=no
OutputDir=..\..\dist
OutputBaseFilename=pantry-desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\pantry-desk.ico
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: pantry-desk.exe, pantry.exe and _internal\.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{group}\{#AppName} (sample pantry)"; Filename: "{app}\{#AppExe}"; Parameters: "--sample"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave in its own folder (Python's caches); never the data folder.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
