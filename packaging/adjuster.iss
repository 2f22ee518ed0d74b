; Inno Setup 6 script for the Windows installer. First build dist\adjuster on Windows with the same
; PyInstaller spec (see packaging\README.md; it also writes build\pyinstaller\adjuster\adjuster.ico),
; then: iscc packaging\adjuster.iss  ->  packaging\Output\Adjuster-<version>-setup.exe
#define AppVersion "0.1.0"

[Setup]
AppId={{6C7B0C59-2E4B-4B8E-9B1D-6A0D7B4C1E21}
AppName=Adjuster
AppVersion={#AppVersion}
AppPublisher=Adjuster
DefaultDirName={autopf}\Adjuster
DefaultGroupName=Adjuster
OutputBaseFilename=Adjuster-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
SetupIconFile=..\build\pyinstaller\adjuster\adjuster.ico
UninstallDisplayIcon={app}\adjuster-gui.exe
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\dist\adjuster\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
; adjuster-gui.exe is the windowed twin of adjuster.exe (no console window); with no arguments it opens the app
Name: "{group}\Adjuster"; Filename: "{app}\adjuster-gui.exe"
Name: "{autodesktop}\Adjuster"; Filename: "{app}\adjuster-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\adjuster.exe"; Parameters: "--self-test"; Flags: runhidden; StatusMsg: "Checking the installation..."
Filename: "{app}\adjuster-gui.exe"; Description: "{cm:LaunchProgram,Adjuster}"; Flags: nowait postinstall skipifsilent
