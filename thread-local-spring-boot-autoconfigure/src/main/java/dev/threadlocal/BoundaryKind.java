package dev.threadlocal;

/**
 * The kind of unit of work a {@link ThreadLocalVars.Boundary boundary} surrounds.
 *
 * @since 0.1.0
 */
public enum BoundaryKind {

	/**
	 * A servlet request, from the request filter.
	 */
	REQUEST("request"),

	/**
	 * A task of an executor or scheduler, from the task decorator.
	 */
	TASK("task"),

	/**
	 * A boundary opened by application code.
	 */
	EXPLICIT("boundary"),

	/**
	 * A message of a listener container (Kafka, RabbitMQ, JMS, Pulsar), per record, batch or
	 * delivery, or of a STOMP client inbound channel.
	 */
	LISTENER("listener"),

	/**
	 * An application event delivered to an {@code @EventListener} method.
	 */
	EVENT("event"),

	/**
	 * A step of a batch job.
	 */
	STEP("step");

	private final String tagValue;

	BoundaryKind(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the low-cardinality value that metrics and the actuator endpoint use for this
	 * kind: {@code request}, {@code task}, {@code boundary}, {@code listener},
	 * {@code event} or {@code step}.
	 * @return the tag value
	 */
	public String getTagValue() {
		return this.tagValue;
	}

}
