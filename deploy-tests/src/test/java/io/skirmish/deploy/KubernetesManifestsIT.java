package io.skirmish.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s after kustomize, validated offline: every overlay renders with kubectl's kustomize
 * and every object passes the pinned Kubernetes schemas and the project's rules
 * (deploy/k8s/validate/validate.mjs); and the validator does reject a broken manifest.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KubernetesManifestsIT {

    private static final Path RENDERED = Path.of(System.getProperty("skirmish.target.dir", "target"), "k8s");

    @BeforeEach
    void requireTools() {
        Script.requireTool("kubectl", "kubectl 1.27 or newer, for its kustomize");
        Script.requireTool("node", "apt-get install -y nodejs");
        Script.requireTool("npm", "apt-get install -y npm");
    }

    @Test
    void everyOverlayRendersAndPassesTheSchemasAndRules() throws Exception {
        Script result = Script.run(240, "deploy/k8s/validate/validate.sh", RENDERED.toAbsolutePath().toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("dev.yaml:", "prod.yaml:", "agones.yaml:").doesNotContain("INVALID");
        Set<String> dev = objects(RENDERED.resolve("dev.yaml"));
        for (String workload : new String[] {"game-server", "match-server", "ranking-query", "ranking-consumer", "log-shipper"}) {
            assertThat(dev).contains("Deployment/" + workload, "HorizontalPodAutoscaler/" + workload,
                    "PodDisruptionBudget/" + workload);
        }
        assertThat(dev).contains("Secret/skirmish-keys", "ConfigMap/skirmish-kibana-objects", "Elasticsearch/skirmish",
                "Kibana/skirmish", "Job/kibana-import");
        assertThat(objects(RENDERED.resolve("prod.yaml"))).as("prod: Secrets are created by the operator")
                .noneMatch(o -> o.startsWith("Secret/"));
        assertThat(objects(RENDERED.resolve("agones.yaml"))).contains("Fleet/game-server", "FleetAutoscaler/game-server")
                .doesNotContain("Deployment/game-server", "HorizontalPodAutoscaler/game-server");
    }

    @Test
    void validatorRejectsWrongTypesAndMissingProbes(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: careless
                spec:
                  replicas: two
                  selector:
                    matchLabels: {app: careless}
                  template:
                    metadata:
                      labels: {app: careless}
                    spec:
                      containers:
                        - name: careless
                          image: careless:1
                """);

        Script result = Script.run(240, "deploy/k8s/validate/validate.sh", "--files", broken.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("Deployment careless: data/spec/replicas must be integer",
                "container careless: no readinessProbe", "container careless: no livenessProbe",
                "container careless: no cpu/memory requests", "Deployment careless: no PodDisruptionBudget");
    }

    @Test
    void validatorChecksCustomResourcesAgainstTheirCrdSchemas(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("fleet.yaml");
        Files.writeString(broken, """
                apiVersion: agones.dev/v1
                kind: Fleet
                metadata:
                  name: careless
                spec:
                  replicas: two
                  template:
                    spec:
                      ports:
                        - name: game
                          containerPort: 7700
                      template:
                        spec:
                          containers:
                            - name: game
                              image: careless:1
                ---
                apiVersion: example.com/v1
                kind: Unheard
                metadata:
                  name: careless
                """);

        Script result = Script.run(240, "deploy/k8s/validate/validate.sh", "--files", broken.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("Fleet careless: Fleet/spec/replicas must be integer",
                "Unheard careless: example.com/v1 Unheard is neither a kind of the pinned Kubernetes API nor a vendored CRD");
    }

    /** "Kind/name" of every object in a rendered multi-document file (top-level metadata.name). */
    private static Set<String> objects(Path rendered) throws Exception {
        Set<String> objects = new LinkedHashSet<>();
        for (String doc : Files.readString(rendered).split("(?m)^---$")) {
            String kind = doc.lines().filter(l -> l.startsWith("kind: ")).findFirst().orElse("kind: ?").substring(6);
            String name = doc.lines().filter(l -> l.startsWith("  name: ")).findFirst().orElse("  name: ?").substring(8);
            objects.add(kind + "/" + name);
        }
        return objects;
    }
}
