package dev.openmodel.openness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MofComponentTest {

    /** Our component table is the tool's mof.settings.yml, shipped beside its license list. */
    @Test
    void componentsAreTheToolsOwn() throws Exception {
        JsonNode settings;
        try (InputStream in = MofComponentTest.class.getResourceAsStream("/mof-tool/mof.settings.yml")) {
            settings = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<MofComponent> seen = new HashSet<>();
        for (JsonNode c : settings.path("components")) {
            MofComponent component = MofComponent.fromName(c.path("name").asText()).orElseThrow();
            seen.add(component);
            assertThat(component.toolId()).as(component.id()).isEqualTo(c.path("id").asInt());
            assertThat(component.mofName()).isEqualTo(c.path("name").asText());
            assertThat(component.mofClass()).as(component.id()).isEqualTo(c.path("class").asInt());
            assertThat(component.required()).as(component.id()).isEqualTo(c.path("required").asBoolean());
            assertThat(component.contentType().id()).as(component.id()).isEqualTo(c.path("content_type").asText());
        }
        assertThat(seen).containsExactlyInAnyOrder(MofComponent.values());
    }

    @Test
    void toolNamesAndOurIdsNameTheSameComponents() {
        assertThat(MofComponent.fromName("Model parameters (Final)")).contains(MofComponent.MODEL_PARAMETERS_FINAL);
        assertThat(MofComponent.fromName("model-parameters-final")).contains(MofComponent.MODEL_PARAMETERS_FINAL);
        assertThat(MofComponent.fromName("Supporting libraries and tools")).contains(MofComponent.SUPPORTING_LIBRARIES);
        assertThat(MofComponent.fromName("Model parameters (Fïnal)")).isEmpty();
    }

    @Test
    void theLicenseListIsTheToolsAsItsImporterMergesIt() {
        MofLicenses l = MofLicenses.get();
        assertThat(l.isOpen("Apache-2.0")).isTrue();
        assertThat(l.isOpen("apache-2.0")).as("exact ids, as the tool matches them").isFalse();
        assertThat(l.isOpen("OpenMDW-1.0")).isTrue();
        assertThat(l.isOpen("CC-BY-NC-4.0")).isFalse();
        assertThat(l.isOpen("ODC-By-1.0")).as("open data").isTrue();
        assertThat(l.isTypeAppropriate("Apache-2.0", MofComponent.ContentType.CODE)).isTrue();
        assertThat(l.isTypeAppropriate("Apache-2.0", MofComponent.ContentType.DOCUMENT)).isTrue();
        assertThat(l.isTypeAppropriate("Apache-2.0", MofComponent.ContentType.DATA)).isFalse();
        // CC0-1.0 is listed twice in mof-licenses.json (data, then document): the later entry wins.
        assertThat(l.isTypeAppropriate("CC0-1.0", MofComponent.ContentType.DOCUMENT)).isTrue();
        assertThat(l.isTypeAppropriate("CC0-1.0", MofComponent.ContentType.DATA)).isFalse();
        // 0BSD's mof-licenses.json entry has no isFsfLibre: it replaces licenses.json's, and OSI approval keeps it open.
        assertThat(l.isOpen("0BSD")).isTrue();
    }
}
