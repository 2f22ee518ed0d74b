; Inno Setup script for the Windows installer. Build dist\adjuster with packaging\build (run the
; same PyInstaller spec on Windows), then: iscc packaging\adjuster.iss
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
SetupIconFile=..\resources\icons\adjuster.ico

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Files]
Source: "..\dist\adjuster\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Adjuster"; Filename: "{app}\adjuster.exe"; Parameters: "gui"
Name: "{autodesktop}\Adjuster"; Filename: "{app}\adjuster.exe"; Parameters: "gui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\adjuster.exe"; Parameters: "--self-test"; Flags: runhidden; StatusMsg: "Checking the installation..."
Filename: "{app}\adjuster.exe"; Parameters: "gui"; Description: "{cm:LaunchProgram,Adjuster}"; Flags: nowait postinstall skipifsilent
