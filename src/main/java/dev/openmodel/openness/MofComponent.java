package dev.openmodel.openness;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The 17 components of the Model Openness Framework (LF AI &amp; Data), with the class that first
 * requires each, whether it is required there, and the content types its license may be for
 * (as in the MOF tool's component definitions).
 */
public enum MofComponent {
    MODEL_ARCHITECTURE("model-architecture", "Model architecture", 3, true, ContentType.CODE),
    MODEL_PARAMETERS_FINAL("model-parameters-final", "Model parameters (Final)", 3, true, ContentType.DATA, ContentType.CODE),
    EVALUATION_RESULTS("evaluation-results", "Evaluation results", 3, true, ContentType.DOCUMENT, ContentType.CODE),
    MODEL_CARD("model-card", "Model card", 3, true, ContentType.DOCUMENT, ContentType.CODE),
    DATA_CARD("data-card", "Data card", 3, true, ContentType.DOCUMENT, ContentType.CODE),
    TECHNICAL_REPORT("technical-report", "Technical report", 3, true, ContentType.DOCUMENT, ContentType.CODE),
    SAMPLE_MODEL_OUTPUTS("sample-model-outputs", "Sample model outputs", 3, false, ContentType.DATA, ContentType.CODE, ContentType.DOCUMENT),
    TRAINING_CODE("training-code", "Training code", 2, true, ContentType.CODE),
    INFERENCE_CODE("inference-code", "Inference code", 2, true, ContentType.CODE),
    EVALUATION_CODE("evaluation-code", "Evaluation code", 2, true, ContentType.CODE),
    EVALUATION_DATA("evaluation-data", "Evaluation data", 2, true, ContentType.DATA),
    SUPPORTING_LIBRARIES("supporting-libraries", "Supporting libraries and tools", 2, false, ContentType.CODE),
    DATASETS("datasets", "Datasets", 1, true, ContentType.DATA, ContentType.CODE, ContentType.DOCUMENT),
    DATA_PREPROCESSING_CODE("data-preprocessing-code", "Data preprocessing code", 1, true, ContentType.CODE),
    MODEL_PARAMETERS_INTERMEDIATE("model-parameters-intermediate", "Model parameters (Intermediate)", 1, true, ContentType.DATA),
    RESEARCH_PAPER("research-paper", "Research paper", 1, true, ContentType.DOCUMENT),
    MODEL_METADATA("model-metadata", "Model metadata", 1, false, ContentType.DATA);

    public enum ContentType {
        CODE, DATA, DOCUMENT
    }

    private final String id;
    private final String mofName;
    private final int mofClass;
    private final boolean required;
    private final Set<ContentType> types;
    private final ContentType primaryType;

    MofComponent(String id, String mofName, int mofClass, boolean required, ContentType first, ContentType... rest) {
        this.id = id;
        this.mofName = mofName;
        this.mofClass = mofClass;
        this.required = required;
        this.types = EnumSet.of(first, rest);
        this.primaryType = first;
    }

    public String id() {
        return id;
    }

    public String mofName() {
        return mofName;
    }

    /** The class (3 = Open Model, 2 = Open Tooling, 1 = Open Science) that first asks for it. */
    public int mofClass() {
        return mofClass;
    }

    public boolean required() {
        return required;
    }

    public Set<ContentType> types() {
        return types;
    }

    /** The primary content type, which picks the release-wide license in MOF YAML. */
    public ContentType primaryType() {
        return primaryType;
    }

    /** Accepts our ids (model-parameters-final) and the MOF tool's names (Model parameters (Final)). */
    public static Optional<MofComponent> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        for (MofComponent c : values()) {
            if (c.id.equals(key) || c.mofName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "").equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
