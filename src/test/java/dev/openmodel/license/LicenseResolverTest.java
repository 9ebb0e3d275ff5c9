package dev.openmodel.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LicenseResolverTest {

    /** License strings as they appear on model cards, Hugging Face and in SPDX documents. */
    static Stream<Arguments> realWorld() {
        return Stream.of(
                // SPDX ids, any case (Hugging Face lower-cases them)
                Arguments.of("Apache-2.0", "Apache-2.0", "permissive", true),
                Arguments.of("apache-2.0", "Apache-2.0", "permissive", true),
                Arguments.of("mit", "MIT", "permissive", true),
                Arguments.of("bsd-3-clause", "BSD-3-Clause", "permissive", true),
                Arguments.of("cc-by-4.0", "CC-BY-4.0", "permissive", false),
                Arguments.of("cc0-1.0", "CC0-1.0", "permissive", false),
                Arguments.of("cc-by-sa-4.0", "CC-BY-SA-4.0", "copyleft", false),
                Arguments.of("cc-by-nc-4.0", "CC-BY-NC-4.0", "non-commercial", false),
                Arguments.of("cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0", "non-commercial", false),
                Arguments.of("cc-by-nc-nd-4.0", "CC-BY-NC-ND-4.0", "non-commercial", false),
                Arguments.of("cc-by-nd-4.0", "CC-BY-ND-4.0", "use-restricted", false),
                Arguments.of("gpl-3.0", "GPL-3.0-only", "copyleft", true),
                Arguments.of("agpl-3.0", "AGPL-3.0-only", "copyleft", true),
                Arguments.of("lgpl-2.1", "LGPL-2.1-only", "copyleft", true),
                Arguments.of("mpl-2.0", "MPL-2.0", "copyleft", true),
                Arguments.of("openmdw-1.0", "OpenMDW-1.0", "open-model", false),
                Arguments.of("cdla-permissive-2.0", "CDLA-Permissive-2.0", "open-model", false),
                Arguments.of("odc-by", "ODC-By-1.0", "open-model", false),
                Arguments.of("odbl", "ODbL-1.0", "copyleft", false),
                // Hugging Face model-license ids
                Arguments.of("llama2", "LicenseRef-llama2", "use-restricted", false),
                Arguments.of("llama3", "LicenseRef-llama3", "use-restricted", false),
                Arguments.of("llama3.1", "LicenseRef-llama3.1", "use-restricted", false),
                Arguments.of("llama3.2", "LicenseRef-llama3.2", "use-restricted", false),
                Arguments.of("llama3.3", "LicenseRef-llama3.3", "use-restricted", false),
                Arguments.of("llama4", "LicenseRef-llama4", "use-restricted", false),
                Arguments.of("gemma", "LicenseRef-gemma", "use-restricted", false),
                Arguments.of("openrail", "LicenseRef-openrail", "use-restricted", false),
                Arguments.of("openrail++", "LicenseRef-openrailplusplus", "use-restricted", false),
                Arguments.of("creativeml-openrail-m", "LicenseRef-creativeml-openrail-m", "use-restricted", false),
                Arguments.of("bigscience-bloom-rail-1.0", "LicenseRef-bigscience-bloom-rail-1.0", "use-restricted", false),
                Arguments.of("bigcode-openrail-m", "LicenseRef-bigcode-openrail-m", "use-restricted", false),
                Arguments.of("deepfloyd-if-license", "LicenseRef-deepfloyd-if-license", "non-commercial", false),
                Arguments.of("apple-amlr", "LicenseRef-apple-amlr", "non-commercial", false),
                // free text as found on model cards
                Arguments.of("Apache 2.0", "Apache-2.0", "permissive", true),
                Arguments.of("Apache License, Version 2.0", "Apache-2.0", "permissive", true),
                Arguments.of("Apache License 2.0", "Apache-2.0", "permissive", true),
                Arguments.of("MIT License", "MIT", "permissive", true),
                Arguments.of("The MIT License", "MIT", "permissive", true),
                Arguments.of("CC BY-NC 4.0", "CC-BY-NC-4.0", "non-commercial", false),
                Arguments.of("Creative Commons Attribution-NonCommercial 4.0 International", "CC-BY-NC-4.0", "non-commercial", false),
                Arguments.of("Creative Commons Attribution 4.0", "CC-BY-4.0", "permissive", false),
                Arguments.of("GNU General Public License v3.0 only", "GPL-3.0-only", "copyleft", true),
                Arguments.of("Llama 3.1 Community License", "LicenseRef-llama3.1", "use-restricted", false),
                Arguments.of("Llama 3.1 Community License Agreement", "LicenseRef-llama3.1", "use-restricted", false),
                Arguments.of("META LLAMA 3 COMMUNITY LICENSE AGREEMENT", "LicenseRef-llama3", "use-restricted", false),
                Arguments.of("Gemma Terms of Use", "LicenseRef-gemma", "use-restricted", false),
                Arguments.of("Tongyi Qianwen LICENSE AGREEMENT", "LicenseRef-qwen", "use-restricted", false),
                Arguments.of("Qwen RESEARCH LICENSE AGREEMENT", "LicenseRef-qwen-research", "non-commercial", false),
                Arguments.of("DeepSeek License Agreement", "LicenseRef-deepseek", "use-restricted", false),
                Arguments.of("Mistral AI Research License", "LicenseRef-mistral-research", "non-commercial", false),
                Arguments.of("OpenMDW License Agreement v1.0", "OpenMDW-1.0", "open-model", false),
                Arguments.of("OpenMDW 1.1", "LicenseRef-openmdw-1.1", "open-model", false),
                Arguments.of("CreativeML Open RAIL++-M", "LicenseRef-openrailplusplus", "use-restricted", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realWorld")
    void resolvesRealWorldLicenseStrings(String input, String id, String category, boolean osi) {
        ResolvedLicense r = LicenseResolver.resolve(input);
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.category().id()).isEqualTo(category);
        assertThat(r.osiApproved()).isEqualTo(osi);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("unrecognisable")
    void reportsUnknownRatherThanGuessing(String input) {
        ResolvedLicense r = LicenseResolver.resolve(input);
        assertThat(r.category()).isEqualTo(LicenseCategory.UNKNOWN);
        assertThat(r.commercialUse()).isNull();
        assertThat(r.osiApproved()).isFalse();
    }

    static Stream<String> unrecognisable() {
        return Stream.of("other", "unknown", "cc", "Custom license, see LICENSE", "Apache-ish", "Foo-1.0", "MIT AND",
                "Llama 5 Community License", "", "Apache 3.0");
    }

    /** Every license id the Hugging Face Hub offers in a model card (its list as of 2026). */
    static final List<String> HUGGING_FACE_IDS = List.of("apache-2.0", "mit", "openrail", "bigscience-openrail-m", "creativeml-openrail-m",
            "bigscience-bloom-rail-1.0", "bigcode-openrail-m", "afl-3.0", "artistic-2.0", "bsl-1.0", "bsd", "bsd-2-clause", "bsd-3-clause",
            "bsd-3-clause-clear", "c-uda", "cc0-1.0", "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0",
            "cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0", "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0",
            "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0", "cdla-sharing-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "wtfpl", "ecl-2.0",
            "epl-1.0", "epl-2.0", "etalab-2.0", "eupl-1.1", "eupl-1.2", "agpl-3.0", "gfdl", "gpl", "gpl-2.0", "gpl-3.0", "lgpl", "lgpl-2.1",
            "lgpl-3.0", "isc", "h-research", "intel-research", "lppl-1.3c", "ms-pl", "apple-ascl", "apple-amlr", "mpl-2.0", "odc-by", "odbl",
            "openmdw-1.0", "open-mdw", "openrail++", "osl-3.0", "postgresql", "ofl-1.1", "ncsa", "unlicense", "zlib", "pddl", "lgpl-lr",
            "deepfloyd-if-license", "fair-noncommercial-research-license", "llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4",
            "grok2-community", "gemma");

    @Test
    void everyHuggingFaceLicenseIdIsMapped() {
        assertThat(HUGGING_FACE_IDS).allSatisfy(id -> assertThat(LicenseResolver.resolve(id).known()).as(id).isTrue());
        // The family ids that do not say which license they mean stay unknown on purpose.
        assertThat(LicenseResolver.resolve("cc").known()).isFalse();
        assertThat(LicenseResolver.resolve("unknown").known()).isFalse();
        assertThat(LicenseResolver.resolve("other").known()).isFalse();
    }

    @Test
    void orExpressionTakesTheMostPermissiveChoice() {
        ResolvedLicense r = LicenseResolver.resolve("Apache-2.0 OR CC-BY-NC-4.0");
        assertThat(r.category()).isEqualTo(LicenseCategory.PERMISSIVE);
        assertThat(r.osiApproved()).isTrue();
        assertThat(r.commercialUse()).isTrue();
    }

    @Test
    void andExpressionIsAsRestrictiveAsItsMostRestrictivePart() {
        ResolvedLicense r = LicenseResolver.resolve("Apache-2.0 AND LicenseRef-llama3.1");
        assertThat(r.category()).isEqualTo(LicenseCategory.USE_RESTRICTED);
        assertThat(r.osiApproved()).isFalse();
        assertThat(r.terms()).containsExactly("llama3.1");
        assertThat(r.duties()).anyMatch(d -> d.contains("700,000,000 monthly active users"));
    }

    @Test
    void huggingFaceIdsInsideExpressionsAreUnderstood() {
        ResolvedLicense r = LicenseResolver.resolve("llama3.1 AND mit");
        assertThat(r.category()).isEqualTo(LicenseCategory.USE_RESTRICTED);
        assertThat(r.id()).contains("LicenseRef-llama3.1").contains("MIT");
    }

    @Test
    void withExceptionKeepsTheBaseLicenseAndNotesTheException() {
        ResolvedLicense r = LicenseResolver.resolve("GPL-2.0-only WITH Classpath-exception-2.0");
        assertThat(r.category()).isEqualTo(LicenseCategory.COPYLEFT);
        assertThat(r.osiApproved()).isTrue();
        assertThat(r.duties()).anyMatch(d -> d.contains("Classpath-exception-2.0"));
    }

    @Test
    void otherWithANameResolvesTheName() {
        assertThat(LicenseResolver.resolve("other", "Llama 3.3 Community License Agreement").id()).isEqualTo("LicenseRef-llama3.3");
        assertThat(LicenseResolver.resolve("other", "Our own terms").category()).isEqualTo(LicenseCategory.UNKNOWN);
    }

    @Test
    void llamaTermsCarryTheirDuties() {
        ResolvedLicense r = LicenseResolver.resolve("llama3.1");
        assertThat(r.commercialUse()).isTrue();
        assertThat(r.terms()).containsExactly("llama3.1");
        assertThat(r.duties()).anyMatch(d -> d.startsWith("use policy applies"))
                .anyMatch(d -> d.contains("attribution"))
                .anyMatch(d -> d.contains("original model's name"))
                .anyMatch(d -> d.contains("pass these terms on"));
    }

    @Test
    void ambiguousFamiliesDoNotGetAVersionInvented() {
        ResolvedLicense gpl = LicenseResolver.resolve("gpl");
        assertThat(gpl.category()).isEqualTo(LicenseCategory.COPYLEFT);
        assertThat(gpl.osiApproved()).isFalse();
        assertThat(gpl.duties()).anyMatch(d -> d.contains("version is not stated"));
    }
}
