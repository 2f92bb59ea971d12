package dev.propensity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's chromium driven headless by its chromedriver. Skipped when they are not
 * installed ({@code apt-get install chromium chromium-driver}).
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static String text(ChromeDriver d, String selector) {
        Object o = ((JavascriptExecutor) d).executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
        return o == null ? null : o.toString();
    }

    @Test
    void aSlicerAndTheThresholdChangeTheTilesAndTheCharts() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-extensions", "--window-size=1400,2200");
        try (PropensityServer server = PropensityServer.builder(TestData.hostile()).port(0).build().start()) {
            ChromeDriver d = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
                d.get(server.url());
                String kpis = text(d, "#chart-kpis svg");
                String confusion = text(d, "#chart-confusion_matrix svg");
                String actual = text(d, "#kpi-actual .value");
                assertThat(kpis).contains("1,200");
                assertThat(confusion).isNotBlank();

                // a slicer: the tiles and the charts are recomputed for desktop sessions, and the URL says so
                new Select(d.findElement(By.name("device"))).selectByValue("desktop");
                wait.until(x -> String.valueOf(text(d, "#slice")).contains("device=desktop"));
                String kpisDesktop = text(d, "#chart-kpis svg");
                assertThat(kpisDesktop).isNotEqualTo(kpis).contains("400");
                assertThat(d.getCurrentUrl()).contains("device=desktop");
                assertThat(text(d, "#kpi-actual .value")).isNotEqualTo(actual);

                // the threshold: actual against predicted and the confusion chart move
                String confusionDesktop = text(d, "#chart-confusion_matrix svg");
                String targetedDesktop = text(d, "#kpi-targeted .value");
                WebElement t = d.findElement(By.id("f-threshold"));
                t.clear();
                t.sendKeys("0.15", Keys.TAB);
                wait.until(x -> String.valueOf(text(d, "#threshold h2")).contains("0.1500"));
                assertThat(text(d, "#kpi-targeted .value")).isNotEqualTo(targetedDesktop);
                assertThat(text(d, "#chart-confusion_matrix svg")).isNotEqualTo(confusionDesktop);
                assertThat(d.getCurrentUrl()).contains("threshold=0.15");
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "serve-browser.png"), d.getScreenshotAs(OutputType.BYTES));

                // the hostile brands are options and table cells, shown as text; neither runs
                List<String> brands = new ArrayList<>();
                for (WebElement o : new Select(d.findElement(By.name("brand"))).getOptions()) {
                    brands.add(o.getText());
                }
                assertThat(brands).contains(TestData.SCRIPT_BRAND, TestData.ATTRIBUTE_BRAND);
                new Select(d.findElement(By.name("brand"))).selectByValue(TestData.SCRIPT_BRAND);
                wait.until(x -> String.valueOf(text(d, "#slice")).contains("brand="));
                assertThat(text(d, "#drill")).contains(TestData.SCRIPT_BRAND);
                assertThat(((JavascriptExecutor) d).executeScript("return typeof window.__pwned")).isEqualTo(
                        "undefined");
                // a shared link opens the same view
                String link = d.getCurrentUrl();
                d.get(link);
                assertThat(text(d, "#slice")).contains("device=desktop").contains("brand=");
                assertThat(((JavascriptExecutor) d).executeScript("return typeof window.__pwned")).isEqualTo(
                        "undefined");
                assertThat(((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES)).isNotEmpty();
            } finally {
                d.quit();
                service.stop();
            }
        }
    }
}
