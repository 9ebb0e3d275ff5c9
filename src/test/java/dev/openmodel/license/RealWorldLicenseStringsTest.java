package dev.openmodel.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus in licenses/real-world.tsv: each published string gets the category a careful reader gives it. */
class RealWorldLicenseStringsTest {

    static List<String[]> rows() throws IOException {
        try (InputStream in = RealWorldLicenseStringsTest.class.getResourceAsStream("/licenses/real-world.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t"))
                    .toList();
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        return rows().stream().map(r -> Arguments.of(r[0], r[1], r[2], r[3]));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("corpus")
    void resolvesAsACarefulReaderWould(String input, String category, String id, String where) {
        ResolvedLicense r = LicenseResolver.resolve(input);
        assertThat(r.category().id()).as("category of '%s' (%s), resolved as %s", input, where, r.id()).isEqualTo(category);
        if (!id.equals("*")) {
            assertThat(r.id()).as("id of '%s'", input).isEqualTo(id);
        }
        if (r.category() == LicenseCategory.UNKNOWN) {
            assertThat(r.commercialUse()).isNull();
            assertThat(r.osiApproved()).isFalse();
        }
        assertThat(r.id().codePoints().map(Character::getType))
                .as("what is echoed into status has no control or invisible characters: %s", r.id())
                .doesNotContain((int) Character.CONTROL, (int) Character.FORMAT);
    }

    @Test
    void theCorpusIsLargeAndCoversEveryCategory() throws IOException {
        List<String[]> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(250);
        assertThat(rows.stream().map(r -> r[1]).distinct()).containsExactlyInAnyOrder("permissive", "copyleft", "open-model", "use-restricted",
                "non-commercial", "proprietary", "unknown");
    }
}
