package com.example.consumer;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers in plain text: {@code thread|user|visits}; {@code /fail} stores its user and visit,
 * then throws, so Spring Boot's error page answers.
 */
@RestController
public class VisitController {

	private final ThreadLocalVars vars;

	private final Visit visit;

	private final VisitCounter counter;

	public VisitController(ThreadLocalVars vars, Visit visit, VisitCounter counter) {
		this.vars = vars;
		this.visit = visit;
		this.counter = counter;
	}

	@GetMapping("/visit")
	public String visit(@RequestParam String user) {
		String stored = this.vars.getOrCreate("user", () -> user);
		return Thread.currentThread().getName() + "|" + stored + "|" + this.visit.add(user);
	}

	@GetMapping("/peek")
	public String peek() {
		String user;
		try {
			user = this.vars.getRequired("user", String.class);
		}
		catch (MissingThreadLocalVarException ex) {
			user = "none";
		}
		return Thread.currentThread().getName() + "|" + user;
	}

	@GetMapping("/fail")
	public String fail(@RequestParam String user) {
		this.vars.getOrCreate("user", () -> user);
		this.visit.add(user);
		throw new IllegalStateException("Visit of " + user + " failed");
	}

	@GetMapping("/stats")
	public String stats() {
		return this.counter.getCreated() + "|" + this.counter.getDestroyed();
	}

}
