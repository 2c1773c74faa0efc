@echo off
rem phonectl: the PhoneController daemon and its command-line client (Windows).
rem Finds a Java >= 21: JAVA_HOME, java.exe on PATH, then the usual JDK folders under Program Files.
rem PHONECONTROLLER_HOME defaults to the folder above bin\. JAVA_OPTS adds JVM options.
setlocal EnableDelayedExpansion
if not defined PHONECONTROLLER_HOME set "PHONECONTROLLER_HOME=%~dp0.."
for %%i in ("%PHONECONTROLLER_HOME%") do set "PHONECONTROLLER_HOME=%%~fi"
set "JAVA_EXE="
if defined JAVA_HOME call :try "%JAVA_HOME%\bin\java.exe"
if not defined JAVA_EXE for %%j in (java.exe) do if not "%%~$PATH:j"=="" call :try "%%~$PATH:j"
if not defined JAVA_EXE for /d %%d in ("%ProgramFiles%\Java\*" "%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Microsoft\jdk-*" "%ProgramFiles%\Zulu\*" "%ProgramFiles%\Amazon Corretto\*" "%ProgramFiles%\BellSoft\*") do if not defined JAVA_EXE call :try "%%~d\bin\java.exe"
if not defined JAVA_EXE (
  echo phonectl: PhoneController needs Java 21 or newer and found none ^(checked JAVA_HOME, java.exe on PATH, Program Files^). 1>&2
  echo   What to do: install one, e.g. Eclipse Temurin 21, or set JAVA_HOME to it. 1>&2
  exit /b 2
)
set "LOGGING="
if /i "%~1"=="daemon" set LOGGING="-Dlogback.configurationFile=%PHONECONTROLLER_HOME%\conf\logback.xml"
"%JAVA_EXE%" %JAVA_OPTS% "-Dphonecontroller.home=%PHONECONTROLLER_HOME%" %LOGGING% -cp "%PHONECONTROLLER_HOME%\lib\*" org.phonecontroller.daemon.cli.Phonectl %*
exit /b %ERRORLEVEL%

:try
rem %1 = a java.exe; sets JAVA_EXE when its java.specification.version is 21 or more
if not exist "%~1" goto :eof
set "SPEC="
for /f "tokens=2 delims==" %%v in ('""%~1" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:java.specification.version"') do set "SPEC=%%v"
if not defined SPEC goto :eof
set "SPEC=!SPEC: =!"
for /f "tokens=1 delims=." %%m in ("!SPEC!") do set "MAJOR=%%m"
if "!MAJOR!"=="1" goto :eof
if !MAJOR! GEQ 21 set "JAVA_EXE=%~1"
goto :eof
