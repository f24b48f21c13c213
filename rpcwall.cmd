@echo off
rem Runs rpcwall, building it with Maven first when the jar is missing or older than the sources.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%cli\target\rpcwall-cli-0.1.0-all.jar"
set "STALE=no"
if not exist "%JAR%" set "STALE=yes"
if "%STALE%"=="no" (
  for /f %%S in ('powershell -NoProfile -Command "$j=(Get-Item -LiteralPath $env:JAR).LastWriteTimeUtc; $n=Get-ChildItem -LiteralPath $env:HERE -Recurse -File -Include *.java,*.g4,pom.xml ^| Where-Object { $_.FullName -notmatch '\\target\\' -and $_.LastWriteTimeUtc -gt $j } ^| Select-Object -First 1; if ($n) { 'yes' } else { 'no' }"') do set "STALE=%%S"
)
if "%STALE%"=="yes" (
  echo rpcwall: building ^(mvn -B -q -DskipTests package^)... 1>&2
  pushd "%HERE%"
  call mvn -B -q -DskipTests package 1>&2
  if errorlevel 1 (
    popd
    exit /b 3
  )
  popd
)
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:Tier3InvocationThreshold=50 -XX:Tier3MinInvocationThreshold=20 -XX:Tier3CompileThreshold=300 -XX:Tier3BackEdgeThreshold=6000 -Xmn64m -XX:-UsePerfData -Xss16m -jar "%JAR%" %*
exit /b %ERRORLEVEL%
