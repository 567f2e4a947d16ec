package dev.threadlocal.harness;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Web application with the starter, four Tomcat worker threads and two executor threads,
 * whose endpoints report the thread-local state they find and leave.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@EnableAsync
public class HarnessApplication {

	public static void main(String[] args) {
		SpringApplication.run(HarnessApplication.class, args);
	}

}
