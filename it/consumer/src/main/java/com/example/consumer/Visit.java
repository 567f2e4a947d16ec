package com.example.consumer;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.ThreadLocalScope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * Thread-scoped bean: one per thread, destroyed when the request ends.
 */
@Component
@ThreadLocalScope
public class Visit {

	private final List<String> users = new ArrayList<>();

	private final VisitCounter counter;

	public Visit(VisitCounter counter) {
		this.counter = counter;
	}

	@PostConstruct
	void created() {
		this.counter.created();
	}

	@PreDestroy
	void destroyed() {
		this.counter.destroyed();
	}

	public List<String> add(String user) {
		this.users.add(user);
		return List.copyOf(this.users);
	}

}
