package dev.openmodel.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.Engine;
import dev.openmodel.api.v1alpha1.EnvVarSpec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineOverridesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "vllm|--trust-remote-code|code trust",
        "vllm|--trust_remote_code|code trust",
        "vllm|--trust-remote-code=True|code trust",
        "vllm|---TRUST-REMOTE-CODE|code trust",
        "vllm|--trust-remote|code trust",
        "vllm|--load-format=pt|the load format",
        "vllm|--load_format|the load format",
        "vllm|--revision=main|the revision",
        "vllm|--code-revision|the revision",
        "vllm|--tokenizer-revision|the revision",
        "vllm|--model=evil/model|the model",
        "vllm|--tokenizer|the model",
        "vllm|--hf-overrides|code trust",
        "vllm|--download-dir|the download source",
        "vllm|--config|every argument (a config file can set any of them)",
        "vllm|--port=9999|the port and host probes and the Service use",
        "sglang|--model-path|the model",
        "sglang|--trust-remote-code|code trust",
        "sglang|--json-model-override-args|code trust",
        "tgi|--model-id|the model",
        "tgi|--revision|the revision",
        "tgi|-p|the port and host probes and the Service use",
        "llamacpp|-m|the model",
        "llamacpp|-hf|the model",
        "llamacpp|--hf-repo=evil/x|the model",
        "llamacpp|-mu|the model",
        "llamacpp|--model-url|the model"})
    void everySpellingOfAnOwnedFlagIsFound(Engine engine, String arg, String what) {
        List<EngineOverrides.Setting> found = EngineOverrides.find(engine, List.of("--max-num-seqs", "8", arg), List.of());
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.field()).isEqualTo("spec.serving.args[2]");
            assertThat(s.what()).isEqualTo(what);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"--max-model-len", "--gpu-memory-utilization=0.9", "--enable-prefix-caching", "--tokenizer-mode", "--model-impl",
        "--max-num-seqs", "8", "main", "--", "-tp"})
    void ordinaryTuningIsLeftAlone(String arg) {
        assertThat(EngineOverrides.find(Engine.vllm, List.of(arg), List.of())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"vllm,HF_ENDPOINT", "vllm,VLLM_USE_MODELSCOPE", "vllm,HF_HUB_OFFLINE", "tgi,MODEL_ID", "tgi,TRUST_REMOTE_CODE", "tgi,REVISION",
        "llamacpp,LLAMA_ARG_MODEL", "llamacpp,LLAMA_ARG_HF_REPO", "sglang,SGLANG_USE_MODELSCOPE"})
    void ownedEnvironmentVariablesAreFound(Engine engine, String name) {
        EnvVarSpec e = new EnvVarSpec();
        e.name = name;
        e.value = "x";
        assertThat(EngineOverrides.find(engine, List.of(), List.of(e))).singleElement()
                .satisfies(s -> assertThat(s.field()).isEqualTo("spec.serving.env[0]"));
    }
}
