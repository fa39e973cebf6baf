package io.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of deploy/prometheus as Prometheus itself reads them: promtool checks the rules and
 * both scrape configurations, runs the rule unit tests (each alert firing and not firing), and
 * amtool checks the Alertmanager configuration. No network: promtool and amtool only read files.
 */
class PrometheusRulesTest {

    /** deploy/prometheus, from this module's directory (where Maven runs the tests). */
    private static final Path DIR = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();
    private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path work;

    @Test
    void rulesPassPromtoolsCheck() throws Exception {
        Promtool.Result result = Promtool.run(DIR, null, "check", "rules", "rules/recording.yml", "rules/alerts.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 11 rules found");
    }

    @Test
    void everyAlertFiresAndStaysQuietInPromtoolsRuleTests() throws Exception {
        Promtool.Result result = Promtool.run(DIR, null, "test", "rules", "tests/alerts-test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** A rule test per alert, with a time where it fires and one where it does not. */
    @Test
    void everyAlertHasAFiringAndAQuietCaseASeverityAndARunbookSection() throws IOException {
        String alerts = read("rules/alerts.yml");
        String tests = read("tests/alerts-test.yml");
        String runbook = Files.readString(DIR.resolve("../../docs/operations.md"), StandardCharsets.UTF_8);
        List<String> names = alertNames(alerts);

        assertThat(names).hasSize(11);
        for (String name : names) {
            String rule = alerts.substring(alerts.indexOf("- alert: " + name));
            rule = rule.substring(0, rule.indexOf("runbook_url"));
            assertThat(rule).as(name).containsPattern("severity: (critical|warning)");
            assertThat(alerts).contains("runbook_url: docs/operations.md#" + name.toLowerCase());
            assertThat(runbook).as("runbook section of %s", name).contains("\n### " + name + "\n");
            assertThat(tests).as("quiet case of %s", name)
                    .containsPattern("alertname: " + name + "\n\\s+exp_alerts: \\[]");
            assertThat(tests).as("firing case of %s", name)
                    .containsPattern("alertname: " + name + "\n\\s+exp_alerts:\n\\s+- exp_labels");
        }
    }

    @Test
    void localScrapeConfigurationIsValid() throws Exception {
        Promtool.Result result = Promtool.run(DIR, null, "check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /**
     * Debian builds Prometheus without Kubernetes service discovery, so the Kubernetes file is
     * checked with each {@code kubernetes_sd_configs} block swapped for a file one: everything
     * else (relabelling, rule files, alerting) is checked as written.
     */
    @Test
    void kubernetesScrapeConfigurationIsValidApartFromItsDiscoveryBlocks() throws Exception {
        String k8s = read("prometheus-k8s.yml");
        Matcher discovery = Pattern.compile("kubernetes_sd_configs:(\\s+)- role: pod").matcher(k8s);
        String checkable = discovery.replaceAll("file_sd_configs:$1- files: [targets.json]");
        assertThat(checkable).isNotEqualTo(k8s).doesNotContain("kubernetes_sd_configs");
        Files.createDirectories(work.resolve("rules"));
        Files.copy(DIR.resolve("rules/recording.yml"), work.resolve("rules/recording.yml"));
        Files.copy(DIR.resolve("rules/alerts.yml"), work.resolve("rules/alerts.yml"));
        Files.writeString(work.resolve("prometheus-k8s.yml"), checkable);

        Promtool.Result result = Promtool.run(work, null, "check", "config", "prometheus-k8s.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void alertmanagerConfigurationIsValid() throws Exception {
        Process amtool = new ProcessBuilder("amtool", "check-config", "alertmanager.yml").directory(DIR.toFile())
                .redirectErrorStream(true).start();
        String output = new String(amtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(amtool.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    static List<String> alertNames(String alertsYaml) {
        List<String> names = new ArrayList<>();
        Matcher m = ALERT.matcher(alertsYaml);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String read(String file) throws IOException {
        return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
    }
}
