package dev.threadlocal.war;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Counts the {@link AuditTrail} beans created and destroyed.
 */
@Component
class BeanCounts {

	final AtomicInteger created = new AtomicInteger();

	final AtomicInteger destroyed = new AtomicInteger();

}
