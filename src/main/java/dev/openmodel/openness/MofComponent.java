package dev.openmodel.openness;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
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

    private static final Map<String, MofComponent> BY_KEY = new HashMap<>();

    static {
        for (MofComponent c : values()) {
            BY_KEY.put(key(c.id), c);
            BY_KEY.put(key(c.mofName), c);
        }
    }

    /** Accepts our ids (model-parameters-final) and the MOF tool's names (Model parameters (Final)). */
    public static Optional<MofComponent> fromName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_KEY.get(key(name)));
    }

    /** Lower-case letters and digits, every other run of characters one '-', none at the ends. */
    private static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean dash = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = Character.toLowerCase(name.charAt(i));
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                if (dash && b.length() > 0) {
                    b.append('-');
                }
                b.append(ch);
                dash = false;
            } else {
                dash = true;
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return id;
    }
}
