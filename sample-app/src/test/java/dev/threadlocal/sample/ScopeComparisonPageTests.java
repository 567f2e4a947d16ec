package dev.threadlocal.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Browser tests of the comparison page at {@code /}, in Debian's headless Chromium, on the
 * sample's two Tomcat worker threads.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class ScopeComparisonPageTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("sample.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOT = Path.of("target", "screenshots", "sample-demo.png");

	@LocalServerPort
	private int port;

	@Autowired
	private TestRestTemplate restTemplate;

	private ChromeDriver driver;

	@BeforeEach
	void startBrowser(@TempDir Path userDataDir) {
		assumeChromiumInstalled();
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--no-first-run", "--window-size=1280,900", "--user-data-dir=" + userDataDir);
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().window().setSize(new Dimension(1280, 900));
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void demoShowsLeftoversOnlyInSpringsThreadScope() throws IOException {
		this.driver.get("http://localhost:" + this.port + "/");
		this.driver.findElement(By.id("run-demo")).click();
		WebElement status = this.driver.findElement(By.id("status"));
		await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(status.getDomAttribute("data-state")));
		saveScreenshot();
		assertThat(status.getDomAttribute("data-state")).as(status.getText()).isEqualTo("done");
		List<WebElement> rows = this.driver.findElements(By.cssSelector("#visits tbody tr"));
		assertThat(rows).hasSize(8);
		assertThat(leftovers("simpleThreadScope")).isNotEmpty()
			.allSatisfy((cell) -> assertThat(cell.getText()).startsWith("\u26A0 LEFTOVER: "));
		assertThat(leftovers("threadLocalScope")).isEmpty();
		assertThat(this.driver.findElements(By.cssSelector("td.found.threadLocalScope")))
			.hasSize(8)
			.allSatisfy((cell) -> assertThat(cell.getText()).isEqualTo("\u2713 nothing"));
		Stats stats = this.restTemplate.getForObject("/compare/stats", Stats.class);
		assertThat(stats).isNotNull();
		assertThat(stats.visitsInProgress()).isZero();
		assertThat(countersShown("simpleThreadScope")).isEqualTo(stats.simpleThreadScope());
		assertThat(countersShown("threadLocalScope")).isEqualTo(stats.threadLocalScope());
		assertThat(stats.simpleThreadScope().leftoversSeen()).isPositive();
		assertThat(stats.simpleThreadScope().destroyed()).isZero();
		assertThat(stats.threadLocalScope().leftoversSeen()).isZero();
		assertThat(stats.threadLocalScope().destroyed()).isEqualTo(stats.threadLocalScope().created());
	}

	private static void assumeChromiumInstalled() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed) {
			System.err.println("""

					**********************************************************************
					SKIPPING the browser test of the sample's page: no %s or no %s.
					Install Debian's packages (as root): apt-get install -y chromium chromium-driver
					**********************************************************************
					""".formatted(CHROMIUM, CHROMEDRIVER));
		}
		assumeTrue(installed, () -> "No Chromium at " + CHROMIUM + " or no chromedriver at " + CHROMEDRIVER);
	}

	private List<WebElement> leftovers(String scope) {
		return this.driver.findElements(By.cssSelector("td.found." + scope + "[data-leftover='true']"));
	}

	private ScopeStats countersShown(String scope) {
		return new ScopeStats(counterShown(scope, "created"), counterShown(scope, "destroyed"),
				counterShown(scope, "leftoversSeen"));
	}

	private long counterShown(String scope, String counter) {
		return Long.parseLong(this.driver.findElement(By.id(scope + "-" + counter)).getText());
	}

	private void saveScreenshot() throws IOException {
		// Grow the window to the whole page, so that the screenshot shows the counters too.
		long chromeHeight = (Long) this.driver.executeScript("return window.outerHeight - window.innerHeight;");
		long pageHeight = (Long) this.driver.executeScript("return document.documentElement.scrollHeight;");
		this.driver.manage().window().setSize(new Dimension(1280, (int) (pageHeight + chromeHeight)));
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		Files.createDirectories(SCREENSHOT.getParent());
		Files.write(SCREENSHOT, png);
	}

	record Stats(ScopeStats simpleThreadScope, ScopeStats threadLocalScope, int visitsInProgress) {

	}

	record ScopeStats(long created, long destroyed, long leftoversSeen) {

	}

}
