package dev.openmodel.openness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every official test file of the Model Openness Tool gets exactly the class, and the per-class
 * progress, that the tool's own output ({@code expected_results.json}) gives it. Files are found
 * by listing the folder, so a file added there is tested without code changes.
 */
class MofOfficialTestFilesTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Path folder() throws URISyntaxException {
        return Path.of(MofOfficialTestFilesTest.class.getResource("/mof-tool/official/expected_results.json").toURI()).getParent();
    }

    static Stream<Path> testFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }

    /** The tool's REST output as published: trailing commas and all. */
    static Map<String, JsonNode> expected() throws IOException, URISyntaxException {
        JsonMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
        JsonNode root = lenient.readTree(folder().resolve("expected_results.json").toFile());
        Map<String, JsonNode> byName = new HashMap<>();
        root.path("models").forEach(m -> byName.put(m.path("release").path("name").asText(), m.path("classification")));
        return byName;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testFiles")
    void classAndProgressAreTheToolsOwn(Path file) throws Exception {
        MofDocument doc = MofDocument.read(YAML.readTree(file.toFile()));
        JsonNode expected = expected().get(doc.release().name());
        assertThat(expected).as("expected_results.json has an entry for release %s", doc.release().name()).isNotNull();

        MofEvaluation evaluation = MofEvaluation.of(doc.release());
        assertThat(evaluation.classification()).as("class of %s", file.getFileName()).isEqualTo(expected.path("class").asInt());
        for (int mofClass : List.of(1, 2, 3)) {
            assertThat(evaluation.report(mofClass).progress()).as("class %d progress of %s", mofClass, file.getFileName())
                    .isCloseTo(expected.path("progress").path(String.valueOf(mofClass)).asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        }
        OpennessAssessment assessment = OpennessClassifier.assess(doc.release(), null);
        assertThat(assessment.mofClass()).isEqualTo(MofEvaluation.className(expected.path("class").asInt()));
    }

    @Test
    void theFolderHoldsEveryOfficialFile() throws Exception {
        assertThat(testFiles().count()).isEqualTo(expected().size()).isGreaterThanOrEqualTo(27);
    }
}
