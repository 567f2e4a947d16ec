package dev.threadlocal.hygiene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An application whose {@code thread-local.hygiene.thread-locals} names a missing field or
 * a field that is not a ThreadLocal fails to start, and Spring Boot's failure analysis
 * names the property, the entry and the field.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadLocalsPropertyStartupTests {

	@Test
	void missingFieldFailsStartupWithANamedError(CapturedOutput output) {
		String entry = TenantContext.class.getName() + ".MISSING";
		assertThatException().isThrownBy(() -> run(entry))
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '" + entry + "' for configuration property 'thread-local.hygiene.thread-locals[0]'")
			.contains("has no field 'MISSING'");
	}

	@Test
	void fieldThatIsNotAThreadLocalFailsStartupWithANamedError(CapturedOutput output) {
		String entry = TenantContext.class.getName() + ".NOT_A_THREAD_LOCAL";
		assertThatException().isThrownBy(() -> run(entry))
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("for configuration property 'thread-local.hygiene.thread-locals[0]'")
			.contains("Field '" + entry + "' is not a ThreadLocal but a java.lang.String");
	}

	private static void run(String entry) {
		SpringApplication application = new SpringApplication(EmptyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run("--thread-local.hygiene.thread-locals=" + entry, "--spring.main.banner-mode=off");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EmptyApplication {

	}

}
