; Inno Setup 6 script: installs the AgentDesk desktop bundle for every user of a Windows PC.
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\agentdesk.iss    (build_windows.ps1 does this)
;
; Silent roll-out by IT, with the machine-wide server address:
;   AgentDesk-0.1.0-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /SERVER=https://agentdesk.example.com:8443
; The address goes to %PROGRAMDATA%\AgentDesk\client.ini ([server] url = ...), which the
; desktop reads when neither the command line nor the user's settings name a server.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1D4C3A-2B7E-4F7A-9C1E-A6E5D0B8C2F4}
AppName=AgentDesk
AppVersion={#AppVersion}
AppPublisher=AgentDesk
DefaultDirName={autopf}\AgentDesk
DefaultGroupName=AgentDesk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\out
OutputBaseFilename=AgentDesk-{#AppVersion}-windows-x64-setup
SetupIconFile=agentdesk.ico
UninstallDisplayIcon={app}\agentdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Files]
; The one-folder PyInstaller bundle (packaging\out\dist\agentdesk).
Source: "..\out\dist\agentdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\AgentDesk"; Filename: "{app}\agentdesk.exe"
Name: "{autodesktop}\AgentDesk"; Filename: "{app}\agentdesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[INI]
; Machine-wide configuration: uninstalling removes our key (and the file's section if now empty).
Filename: "{commonappdata}\AgentDesk\client.ini"; Section: "server"; Key: "url"; String: "{code:ServerAddress}"; Check: HasServerAddress; Flags: uninsdeleteentry uninsdeletesectionifempty

[Run]
Filename: "{app}\agentdesk.exe"; Description: "{cm:LaunchProgram,AgentDesk}"; Flags: nowait postinstall skipifsilent

[Code]
var
  ServerPage: TInputQueryWizardPage;

procedure InitializeWizard;
begin
  ServerPage := CreateInputQueryPage(wpSelectDir, 'AgentDesk server',
    'Which AgentDesk server should this computer use?',
    'Leave empty to let each agent type the address when signing in. ' +
    'An address given on the command line or in an agent''s own settings still wins.');
  ServerPage.Add('Server address (https://host:port):', False);
  ServerPage.Values[0] := ExpandConstant('{param:SERVER|}');
end;

function ServerAddress(Param: String): String;
begin
  Result := Trim(ServerPage.Values[0]);
end;

function HasServerAddress: Boolean;
begin
  Result := ServerAddress('') <> '';
end;

function NextButtonClick(CurPageID: Integer): Boolean;
var
  Address: String;
begin
  Result := True;
  if CurPageID = ServerPage.ID then
  begin
    Address := Lowercase(ServerAddress(''));
    if (Address <> '') and (Pos('https://', Address) <> 1) and (Pos('http://', Address) <> 1) then
    begin
      MsgBox('The server address must start with https:// (or http://).', mbError, MB_OK);
      Result := False;
    end;
  end;
end;
