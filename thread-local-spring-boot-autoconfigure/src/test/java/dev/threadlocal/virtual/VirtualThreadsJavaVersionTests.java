package dev.threadlocal.virtual;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails the {@code virtual-threads} Maven profile when its JDK is older than 21, on which
 * every other virtual-threads test would be skipped and the build would pass.
 */
@Tag("virtual-threads")
@EnabledIfSystemProperty(named = "virtual-threads.profile", matches = "true")
class VirtualThreadsJavaVersionTests {

	@Test
	void profileRunsOnJava21OrLater() {
		assertThat(Runtime.version().feature()).as("Java version of the virtual-threads profile: %s", Runtime.version())
			.isGreaterThanOrEqualTo(21);
	}

}
