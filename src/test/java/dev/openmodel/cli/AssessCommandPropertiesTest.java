package dev.openmodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.openmodel.openness.OpennessPropertiesTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;

class AssessCommandPropertiesTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Whatever MOF-shaped document it is given, the command answers with an exit status and never an exception. */
    @Property(tries = 200)
    void theCommandNeverThrowsOnArbitraryMofDocuments(@ForAll @From(supplier = MofDocuments.class) JsonNode document) throws Exception {
        Path file = Files.createTempFile("mof", ".yml");
        try {
            Files.writeString(file, YAML.writeValueAsString(document));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = AssessCommand.run(List.of(file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isIn(0, 1, 2);
            if (code == 2) {
                assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + " document 1: ").doesNotContain("Exception");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public static class MofDocuments implements net.jqwik.api.ArbitrarySupplier<JsonNode> {
        @Override
        public net.jqwik.api.Arbitrary<JsonNode> get() {
            return new OpennessPropertiesTest().documents();
        }
    }
}
