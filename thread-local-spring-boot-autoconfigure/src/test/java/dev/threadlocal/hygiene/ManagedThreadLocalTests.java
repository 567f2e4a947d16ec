package dev.threadlocal.hygiene;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ManagedThreadLocal}.
 */
class ManagedThreadLocalTests {

	private static final String PREFIX = TenantContext.class.getName() + ".";

	@AfterEach
	void clear() {
		TenantContext.CURRENT.remove();
	}

	@Test
	void resolvesAStaticThreadLocalFieldNamedAfterTheReference() {
		ManagedThreadLocal managed = ManagedThreadLocal.ofStaticField(" " + PREFIX + "CURRENT ", null);
		assertThat(managed.getName()).isEqualTo(PREFIX + "CURRENT");
		assertThat(managed.getThreadLocal()).isSameAs(TenantContext.CURRENT);
	}

	@Test
	void resolvesANestedClassWithDots() {
		ManagedThreadLocal managed = ManagedThreadLocal
			.ofStaticField(ManagedThreadLocalTests.class.getName() + ".Nested.HOLDER", null);
		assertThat(managed.getThreadLocal()).isSameAs(Nested.HOLDER);
	}

	@Test
	void missingClassIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManagedThreadLocal.ofStaticField("com.acme.Missing.CURRENT", null))
			.withMessage("Class 'com.acme.Missing' of field 'com.acme.Missing.CURRENT' was not found");
	}

	@Test
	void missingFieldIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManagedThreadLocal.ofStaticField(PREFIX + "MISSING", null))
			.withMessage("Class '" + TenantContext.class.getName() + "' has no field 'MISSING'");
	}

	@Test
	void fieldThatIsNotAThreadLocalIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ManagedThreadLocal.ofStaticField(PREFIX + "NOT_A_THREAD_LOCAL", null))
			.withMessage("Field '" + PREFIX + "NOT_A_THREAD_LOCAL' is not a ThreadLocal but a java.lang.String");
	}

	@Test
	void instanceFieldIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManagedThreadLocal.ofStaticField(PREFIX + "instanceField", null))
			.withMessage("Field '" + PREFIX + "instanceField' is not static");
	}

	@Test
	void nullFieldIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManagedThreadLocal.ofStaticField(PREFIX + "NULL_FIELD", null))
			.withMessage("Field '" + PREFIX + "NULL_FIELD' is null");
	}

	@Test
	void referenceWithoutAFieldIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManagedThreadLocal.ofStaticField("CURRENT", null))
			.withMessageStartingWith("'CURRENT' does not name a static field");
	}

	@Test
	void isPresentOnlyWithAValue() {
		ManagedThreadLocal managed = ManagedThreadLocal.of("tenant", TenantContext.CURRENT);
		assertThat(managed.isPresent()).isFalse();
		TenantContext.CURRENT.set("acme");
		assertThat(managed.isPresent()).isTrue();
		managed.remove();
		assertThat(TenantContext.CURRENT.get()).isNull();
	}

	@Test
	void threadLocalWithAnInitialValueIsNeverReportedAndNotCreated() {
		ManagedThreadLocal managed = ManagedThreadLocal.of("initial", TenantContext.WITH_INITIAL);
		assertThat(managed.isPresent()).isFalse();
	}

	@Test
	void emptyNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManagedThreadLocal.of(" ", TenantContext.CURRENT))
			.withMessage("'name' must not be empty");
	}

	static final class Nested {

		static final ThreadLocal<Object> HOLDER = new ThreadLocal<>();

	}

}
