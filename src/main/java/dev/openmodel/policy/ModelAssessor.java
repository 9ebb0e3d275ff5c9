package dev.openmodel.policy;

import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.api.v1alpha1.OpennessComponent;
import dev.openmodel.license.LicenseResolver;
import dev.openmodel.license.ResolvedLicense;
import dev.openmodel.openness.MofDocument;
import dev.openmodel.openness.MofLicenses;
import dev.openmodel.openness.MofRelease;
import dev.openmodel.text.Escape;
import java.util.Map;
import dev.openmodel.openness.MofComponent;
import dev.openmodel.openness.OpennessAssessment;
import dev.openmodel.openness.OpennessClassifier;
import dev.openmodel.serving.EngineDefaults;
import dev.openmodel.api.v1alpha1.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Works out the facts of an OpenModel spec: resolved license, openness, supply chain. Pure. */
public final class ModelAssessor {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ModelAssessor() {
    }

    public static ModelFacts facts(String name, OpenModelSpec spec) {
        var license = spec.license;
        ResolvedLicense resolved = license == null ? LicenseResolver.resolve((String) null) : LicenseResolver.resolve(license.id, license.name);
        List<String> problems = new ArrayList<>();
        MofRelease release = new MofRelease(null, Map.of(), Map.of());
        if (spec.openness != null && spec.openness.mofDeclaration != null && !spec.openness.mofDeclaration.isBlank()) {
            try {
                JsonNode document = YAML.readTree(spec.openness.mofDeclaration);
                if (MofDocument.looksLike(document)) {
                    MofDocument mof = MofDocument.read(document);
                    release = mof.release();
                    mof.notes().forEach(n -> problems.add("spec.openness.mofDeclaration: " + n));
                } else {
                    problems.add("spec.openness.mofDeclaration is not a Model Openness Framework model YAML (no release.components); it was ignored");
                }
            } catch (MofDocument.Invalid e) {
                problems.add("spec.openness.mofDeclaration does not follow the MOF model schema and was ignored: " + e.getMessage());
            } catch (IOException | RuntimeException | StackOverflowError e) {
                problems.add("spec.openness.mofDeclaration is not valid YAML and was ignored: "
                        + Escape.text(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 200));
            }
        }
        if (spec.openness != null && spec.openness.components != null) {
            for (OpennessComponent c : spec.openness.components) {
                MofComponent component = MofComponent.fromName(c.name).orElse(null);
                if (component == null) {
                    problems.add("spec.openness.components: '" + Escape.text(c.name, 80) + "' is not a Model Openness Framework component; it was ignored");
                    continue;
                }
                release = release.with(component, c.license == null ? MofRelease.ComponentLicense.INHERITED
                        : c.license.isBlank() ? MofRelease.ComponentLicense.UNLICENSED
                        : MofRelease.ComponentLicense.own(asMofId(c.license)));
            }
        }
        // spec.license is the license of the weights served, unless the declaration says otherwise.
        if (!release.includes(MofComponent.MODEL_PARAMETERS_FINAL) && resolved.known()) {
            release = release.with(MofComponent.MODEL_PARAMETERS_FINAL, MofRelease.ComponentLicense.own(asMofId(resolved.id())));
        }
        ModelFacts facts = facts(name, spec, resolved, release);
        return facts.withOpenness(facts.openness().withFindingsFirst(problems));
    }

    /**
     * A license as written in our own manifests, spelled as the MOF tool's list spells it when it
     * stands for exactly one listed license ("apache-2.0" is Apache-2.0); anything else as written.
     */
    static String asMofId(String license) {
        String written = license.strip();
        if (MofLicenses.get().knows(written)) {
            return written;
        }
        String id = MofLicenses.get().idIgnoringCase(written);
        if (id != null) {
            return id;
        }
        ResolvedLicense r = LicenseResolver.resolve(written);
        return r.known() && MofLicenses.get().knows(r.id()) ? r.id() : written;
    }

    /** Facts of a model the core could not assess: nothing known, nothing open. */
    public static ModelFacts unassessed(String name) {
        ResolvedLicense unknown = LicenseResolver.resolve((String) null);
        return new ModelFacts(name, null, null, null, false, null, false, null, unknown, List.of(),
                OpennessClassifier.assess(new MofRelease(null, Map.of(), Map.of()), null), false, null);
    }

    /** Facts from a MOF model declaration alone: license and openness, no supply chain to check. */
    public static ModelFacts mofFacts(String name, ResolvedLicense license, MofRelease release) {
        return new ModelFacts(name, null, null, null, false, null, false, null, license, List.of(), OpennessClassifier.assess(release, null), false,
                null);
    }

    public static ModelFacts facts(String name, OpenModelSpec spec, ResolvedLicense license, MofRelease release) {
        OpennessAssessment openness = OpennessClassifier.assess(release, license);
        var model = spec.model;
        Engine engine = spec.serving == null || spec.serving.engine == null ? Engine.vllm : spec.serving.engine;
        boolean override = spec.serving != null && spec.serving.image != null && !spec.serving.image.isBlank();
        String image = override ? spec.serving.image : EngineDefaults.of(engine).image();
        List<String> accepted = spec.license == null || spec.license.acceptTerms == null ? List.of() : spec.license.acceptTerms;
        return new ModelFacts(name, model == null ? "" : model.uri, model == null ? null : model.revision,
                model == null || model.format == null ? "safetensors" : model.format.name(), model != null && model.trustRemoteCode, image,
                override, EngineDefaults.of(engine).imageRepository(), license, accepted, openness,
                model != null && model.credentialsSecretRef != null, null);
    }
}
