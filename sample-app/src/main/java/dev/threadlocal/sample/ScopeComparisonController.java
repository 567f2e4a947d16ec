package dev.threadlocal.sample;

import dev.threadlocal.sample.ScopeComparison.Stats;
import dev.threadlocal.sample.ScopeComparison.Visit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints behind the page at {@code /} that compare Spring's {@code SimpleThreadScope} with
 * the starter's {@code @ThreadLocalScope} on the same requests.
 *
 * @since 0.1.0
 */
@RestController
public class ScopeComparisonController {

	static final String VISIT_PATH = "/compare/visit";

	private final ScopeComparison comparison;

	public ScopeComparisonController(ScopeComparison comparison) {
		this.comparison = comparison;
	}

	@PostMapping(VISIT_PATH)
	public Visit visit(@RequestParam String user) {
		return this.comparison.visit(user);
	}

	@GetMapping("/compare/stats")
	public Stats stats() {
		return this.comparison.stats();
	}

}
