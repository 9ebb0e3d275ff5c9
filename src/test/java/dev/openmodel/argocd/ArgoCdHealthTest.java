package dev.openmodel.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/** The Argo CD health check in deploy/argocd, run as Argo CD runs it: a Lua script given obj. */
class ArgoCdHealthTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static String script;

    @BeforeAll
    static void loadScript() throws IOException {
        script = YAML.readTree(Path.of("deploy/argocd/argocd-cm-openmodel-health.yaml").toFile())
                .path("data").path("resource.customizations.health.openmodel.dev_OpenModel").asText();
        assertThat(script).isNotBlank();
    }

    static final Path UPSTREAM = Path.of("deploy/argocd/resource_customizations/openmodel.dev/OpenModel");

    /**
     * Only the Lua libraries every argocd-cm health script gets for certain (base and table): a
     * script calling string.*, math.*, os.* or io.* fails here instead of in a cluster whose Argo
     * CD opens fewer libraries.
     */
    static Globals sandbox() {
        Globals globals = new Globals();
        globals.load(new org.luaj.vm2.lib.jse.JseBaseLib());
        globals.load(new org.luaj.vm2.lib.PackageLib());
        globals.load(new org.luaj.vm2.lib.TableLib());
        org.luaj.vm2.LoadState.install(globals);
        org.luaj.vm2.compiler.LuaC.install(globals);
        return globals;
    }

    @Test
    void theUpstreamLayoutHoldsTheSameScript() throws IOException {
        assertThat(java.nio.file.Files.readString(UPSTREAM.resolve("health.lua")).strip()).isEqualTo(script.strip());
    }

    /** Argo CD's own convention: every case of health_test.yaml, its input from testdata/, status and message exact. */
    @Test
    void everyCaseOfTheUpstreamHealthTestPassesInTheSandbox() throws IOException {
        JsonNode cases = YAML.readTree(UPSTREAM.resolve("health_test.yaml").toFile()).path("tests");
        assertThat(cases.size()).isGreaterThanOrEqualTo(10);
        String lua = java.nio.file.Files.readString(UPSTREAM.resolve("health.lua"));
        for (JsonNode c : cases) {
            Globals globals = sandbox();
            globals.set("obj", toLua(YAML.readTree(UPSTREAM.resolve(c.path("inputPath").asText()).toFile())));
            LuaValue hs = globals.load(lua, "health.lua").call();
            assertThat(hs.get("status").tojstring()).as(c.path("inputPath").asText()).isEqualTo(c.at("/healthStatus/status").asText());
            assertThat(hs.get("message").tojstring()).as(c.path("inputPath").asText()).isEqualTo(c.at("/healthStatus/message").asText());
        }
    }

    static Map<String, String> health(String objectYaml) throws IOException {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(YAML.readTree(objectYaml)));
        LuaValue hs = globals.load(script, "health.lua").call();
        return Map.of("status", hs.get("status").tojstring(), "message", hs.get("message").tojstring());
    }

    private static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                table.set(e.getKey(), toLua(e.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
    }

    static String model(long generation, long observed, String status, String reason, String message) {
        return """
                metadata: {name: m, generation: %d}
                status:
                  observedGeneration: %d
                  conditions:
                  - {type: PolicyCompliant, status: "True", reason: Compliant, message: ok}
                  - {type: Ready, status: "%s", reason: %s, message: "%s"}
                """.formatted(generation, observed, status, reason, message);
    }

    @Test
    void readyIsHealthy() throws IOException {
        assertThat(health(model(2, 2, "True", "Ready", "Serving at http://m.ns.svc:8000."))).containsEntry("status", "Healthy");
    }

    @Test
    void refusedByPolicyIsDegradedWithTheReasons() throws IOException {
        Map<String, String> h = health(model(1, 1, "False", "PolicyViolation", "Refused by ModelPolicy strict: licenses.deny"));
        assertThat(h).containsEntry("status", "Degraded");
        assertThat(h.get("message")).contains("licenses.deny");
    }

    @Test
    void nameConflictsAndReconcileErrorsAreDegraded() throws IOException {
        assertThat(health(model(1, 1, "False", "NameConflict", "Deployment ns/m already exists"))).containsEntry("status", "Degraded");
        assertThat(health(model(1, 1, "False", "ReconcileError", "forbidden"))).containsEntry("status", "Degraded");
        assertThat(health(model(1, 1, "False", "ContainerFailing", "CrashLoopBackOff"))).containsEntry("status", "Degraded");
    }

    @Test
    void waitingForGpusOrReplicasIsProgressing() throws IOException {
        assertThat(health(model(1, 1, "False", "Unschedulable", "0/5 nodes are available"))).containsEntry("status", "Progressing");
        assertThat(health(model(1, 1, "False", "ReplicasNotReady", "0/1 replica(s) ready."))).containsEntry("status", "Progressing");
    }

    @Test
    void scaledToZeroIsSuspended() throws IOException {
        assertThat(health(model(1, 1, "False", "ScaledToZero", "No replicas are requested."))).containsEntry("status", "Suspended");
    }

    @Test
    void aStatusForAnOlderGenerationIsProgressingEvenIfItSaidReady() throws IOException {
        Map<String, String> h = health(model(3, 2, "True", "Ready", "Serving"));
        assertThat(h).containsEntry("status", "Progressing");
        assertThat(h.get("message")).contains("generation 3");
    }

    @Test
    void noStatusYetIsProgressing() throws IOException {
        assertThat(health("metadata: {name: m, generation: 1}\n")).containsEntry("status", "Progressing");
    }
}
