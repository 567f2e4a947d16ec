#!/usr/bin/env bash
# Compatibility matrix: builds and tests the consumer project (it/consumer) against the starter
# in the local Maven repository, once per Spring Boot version, JDK and servlet container.
# Install the starter first: ./mvnw -B install -DskipTests -pl thread-local-spring-boot-autoconfigure,thread-local-spring-boot-starter -am
# Prints one line per cell and exits non-zero if any cell failed (a missing JDK 25 is skipped, loudly).
#
# Override the cells with MATRIX_BOOT_VERSIONS="4.0.7 4.1.2", MATRIX_JAVA_VERSIONS="17 25" and
# MATRIX_CONTAINERS="tomcat jetty" (Jetty 12: the consumer build's -Dcontainer=jetty profile),
# the JDKs with MATRIX_JDK17 and MATRIX_JDK25.
set -uo pipefail
cd "$(dirname "$0")/.."

boot_versions=${MATRIX_BOOT_VERSIONS:-"4.0.7 4.1.2"}
java_versions=${MATRIX_JAVA_VERSIONS:-"17 25"}
containers=${MATRIX_CONTAINERS:-"tomcat jetty"}
jdk17=${MATRIX_JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${MATRIX_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -x "$jdk17/bin/java" ]]; then
	# The machine's default JDK 17, wherever it is installed.
	jdk17=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
fi
logs=$(mktemp -d "${TMPDIR:-/tmp}/thread-local-matrix.XXXXXX")

passed=0
failed=0
skipped=0
for boot in $boot_versions; do
	for java in $java_versions; do
		for container in $containers; do
			cell="Spring Boot $boot on JDK $java, $container"
			home_var="jdk$java"
			home=${!home_var:-}
			if [[ -z "$home" || ! -x "$home/bin/java" ]]; then
				echo "matrix: $cell: SKIPPED -- NO JDK $java AT '${home:-unset}'; THIS CELL WAS NOT TESTED"
				skipped=$((skipped + 1))
				continue
			fi
			log="$logs/boot-$boot-jdk-$java-$container.log"
			start=$SECONDS
			if JAVA_HOME="$home" ./mvnw -B -f it/consumer/pom.xml clean verify \
					-Dspring-boot.version="$boot" -Dexpected.java.feature="$java" -Dcontainer="$container" >"$log" 2>&1; then
				outcome=passed
				passed=$((passed + 1))
			else
				outcome=FAILED
				failed=$((failed + 1))
			fi
			tests=$(grep -E '^\[[A-Z]+\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
				| tail -1 | sed -E 's/^\[[A-Z]+\] //')
			echo "matrix: $cell: $outcome in $((SECONDS - start)) s (${tests:-no test summary})"
			if [[ $outcome == FAILED ]]; then
				echo "---- last 60 lines of $log ----"
				tail -n 60 "$log"
				echo "----"
			fi
		done
	done
done

echo "matrix: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 && $passed -gt 0 ]]
