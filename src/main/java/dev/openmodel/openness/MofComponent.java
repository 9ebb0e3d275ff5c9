package dev.openmodel.openness;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 17 components of the Model Openness Framework (LF AI &amp; Data) as the Model Openness
 * Tool defines them ({@code mof-tool/mof.settings.yml}, checked by a test): the tool's numeric
 * id, the class that first asks for the component, whether it is required there, and the one
 * content type its license should be written for.
 */
public enum MofComponent {
    MODEL_ARCHITECTURE(9, "model-architecture", "Model architecture", 3, true, ContentType.CODE),
    MODEL_PARAMETERS_FINAL(10, "model-parameters-final", "Model parameters (Final)", 3, true, ContentType.DATA),
    TECHNICAL_REPORT(11, "technical-report", "Technical report", 3, true, ContentType.DOCUMENT),
    EVALUATION_RESULTS(12, "evaluation-results", "Evaluation results", 3, true, ContentType.DOCUMENT),
    MODEL_CARD(13, "model-card", "Model card", 3, true, ContentType.DOCUMENT),
    DATA_CARD(14, "data-card", "Data card", 3, true, ContentType.DOCUMENT),
    SAMPLE_MODEL_OUTPUTS(20, "sample-model-outputs", "Sample model outputs", 3, false, ContentType.DOCUMENT),
    TRAINING_CODE(7, "training-code", "Training code", 2, true, ContentType.CODE),
    INFERENCE_CODE(8, "inference-code", "Inference code", 2, true, ContentType.CODE),
    EVALUATION_CODE(18, "evaluation-code", "Evaluation code", 2, true, ContentType.CODE),
    EVALUATION_DATA(19, "evaluation-data", "Evaluation data", 2, true, ContentType.DATA),
    SUPPORTING_LIBRARIES(22, "supporting-libraries", "Supporting libraries and tools", 2, false, ContentType.CODE),
    DATASETS(15, "datasets", "Datasets", 1, true, ContentType.DATA),
    DATA_PREPROCESSING_CODE(16, "data-preprocessing-code", "Data preprocessing code", 1, true, ContentType.CODE),
    MODEL_PARAMETERS_INTERMEDIATE(24, "model-parameters-intermediate", "Model parameters (Intermediate)", 1, true, ContentType.DATA),
    RESEARCH_PAPER(21, "research-paper", "Research paper", 1, true, ContentType.DOCUMENT),
    MODEL_METADATA(17, "model-metadata", "Model metadata", 1, false, ContentType.DATA);

    /** What a license is written for, as the MOF tool's license list says. */
    public enum ContentType {
        CODE, DATA, DOCUMENT;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int toolId;
    private final String id;
    private final String mofName;
    private final int mofClass;
    private final boolean required;
    private final ContentType contentType;

    MofComponent(int toolId, String id, String mofName, int mofClass, boolean required, ContentType contentType) {
        this.toolId = toolId;
        this.id = id;
        this.mofName = mofName;
        this.mofClass = mofClass;
        this.required = required;
        this.contentType = contentType;
    }

    /** The component's id in the MOF tool (mof.settings.yml). */
    public int toolId() {
        return toolId;
    }

    public String id() {
        return id;
    }

    /** The name the MOF tool and its model YAML files use. */
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

    public ContentType contentType() {
        return contentType;
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
        return name == null || name.length() > 100 ? Optional.empty() : Optional.ofNullable(BY_KEY.get(key(name)));
    }

    /** Lower-case ASCII letters and digits, every other run of characters one '-', none at the ends. */
    private static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean dash = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                ch = (char) (ch - 'A' + 'a');
            }
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
