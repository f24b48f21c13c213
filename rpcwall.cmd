@echo off
rem Runs rpcwall, building it with Maven first when the jar is missing or older than the sources.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%cli\target\rpcwall-cli-0.1.0-all.jar"
set "LOCK=%HERE%cli\target\.rpcwall-build.lock"
set "STALE=no"
if not exist "%JAR%" set "STALE=yes"
rem The staleness test runs in PowerShell. Inside the double quotes below cmd.exe takes every
rem character literally (a caret too), so the command avoids the characters cmd would need to
rem see escaped: no pipe, no redirection; .Where() instead of a pipeline. It considers the same
rem files as ./rpcwall: *.java, *.g4, pom.xml and src\main\resources, outside target folders.
if "%STALE%"=="no" (
  for /f %%S in ('powershell -NoProfile -Command "$j=(Get-Item -LiteralPath $env:JAR).LastWriteTimeUtc; $n=@(Get-ChildItem -LiteralPath $env:HERE -Recurse -File).Where({ $_.FullName -notmatch '\\target\\' -and ($_.Extension -in '.java','.g4' -or $_.Name -eq 'pom.xml' -or $_.FullName -match '\\src\\main\\resources\\') -and $_.LastWriteTimeUtc -gt $j }, 'First'); if ($n.Count -gt 0) { 'yes' } else { 'no' }"') do set "STALE=%%S"
)
if "%STALE%"=="no" goto run
rem Two runs started together must not both run Maven: mkdir is atomic, the first one builds,
rem the others wait for the lock to go and then run the jar it built.
if not exist "%HERE%cli\target" mkdir "%HERE%cli\target"
:lock
2>nul mkdir "%LOCK%" && goto build
echo rpcwall: waiting for another run that is building rpcwall ^(if none is, delete "%LOCK%"^)... 1>&2
timeout /t 2 /nobreak >nul
if exist "%LOCK%" goto lock
if exist "%JAR%" goto run
goto lock
:build
echo rpcwall: building ^(mvn -B -q -DskipTests package^)... 1>&2
pushd "%HERE%"
call mvn -B -q -DskipTests package 1>&2
set "BUILT=%ERRORLEVEL%"
popd
rmdir "%LOCK%"
if not "%BUILT%"=="0" exit /b 3
:run
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:Tier3InvocationThreshold=50 -XX:Tier3MinInvocationThreshold=20 -XX:Tier3CompileThreshold=300 -XX:Tier3BackEdgeThreshold=6000 -Xmn64m -XX:-UsePerfData -Xss16m -jar "%JAR%" %*
exit /b %ERRORLEVEL%
