package dev.openmodel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.OpennessComponent;
import dev.openmodel.api.v1alpha1.OpennessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelAssessorTest {

    static OpenModelSpec withDeclaration(String yaml) {
        OpenModelSpec spec = PolicyEngineTest.spec("hf://EleutherAI/pythia-6.9b", "apache-2.0");
        spec.openness = new OpennessSpec();
        spec.openness.mofDeclaration = yaml;
        return spec;
    }

    @Test
    void aPublishedMofDeclarationIsUsedAsIs() throws IOException {
        OpenModelSpec spec = withDeclaration(Files.readString(Path.of("src/test/resources/mof/pythia-6.9b.yml")));
        ModelFacts facts = ModelAssessor.facts("pythia", spec);
        assertThat(facts.openness().mofClass()).isEqualTo("ClassI");
        assertThat(facts.openness().osaid()).isTrue();
    }

    @Test
    void componentsInTheSpecTakePrecedenceOverTheDeclaration() throws IOException {
        OpenModelSpec spec = withDeclaration(Files.readString(Path.of("src/test/resources/mof/pythia-6.9b.yml")));
        OpennessComponent closedData = new OpennessComponent();
        closedData.name = "datasets";
        closedData.license = "cc-by-nc-4.0";
        spec.openness.components = List.of(closedData);
        ModelFacts facts = ModelAssessor.facts("pythia", spec);
        assertThat(facts.openness().mofClass()).isEqualTo("ClassII");
        assertThat(facts.openness().missing()).contains("datasets (not under an open license)");
    }

    @Test
    void anUnreadableDeclarationOrUnknownComponentIsReportedNotFatal() {
        ModelFacts broken = ModelAssessor.facts("m", withDeclaration("release: [unclosed"));
        assertThat(broken.openness().findings()).anyMatch(f -> f.startsWith("spec.openness.mofDeclaration is not valid YAML"));

        ModelFacts notMof = ModelAssessor.facts("m", withDeclaration("kind: Something\n"));
        assertThat(notMof.openness().findings()).anyMatch(f -> f.contains("is not a Model Openness Framework model YAML"));

        OpenModelSpec spec = PolicyEngineTest.spec("hf://a/b", "mit");
        spec.openness = new OpennessSpec();
        OpennessComponent odd = new OpennessComponent();
        odd.name = "marketing-video";
        odd.license = "mit";
        spec.openness.components = List.of(odd);
        assertThat(ModelAssessor.facts("m", spec).openness().findings()).anyMatch(f -> f.contains("'marketing-video' is not a Model Openness Framework component"));
    }
}
