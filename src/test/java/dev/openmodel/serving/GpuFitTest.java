package dev.openmodel.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GpuFitTest {
    static final List<GpuFit.Offer> CLUSTER = List.of(new GpuFit.Offer("gpu-h100-0", "NVIDIA-H100-80GB-HBM3", 81559, 8),
            new GpuFit.Offer("gpu-l4-0", "NVIDIA-L4", 23034, 1));
    static final List<GpuFit.Offer> L4_ONLY = List.of(new GpuFit.Offer("gpu-l4-0", "NVIDIA-L4", 23034, 1));

    @Test
    void seventyBillionBf16ParametersDoNotFitOneL4AndTheMessageHasTheNumbers() {
        GpuFit.Need need = GpuFit.need(70_000_000_000L, 2, "bf16", 1);
        GpuFit.Verdict v = GpuFit.check(need, 1, L4_ONLY);
        assertThat(v.kind()).isEqualTo(GpuFit.Verdict.Kind.FITS_NONE);
        assertThat(v.message()).startsWith("needs ~144 GiB of GPU memory per replica (70B parameters × 2 bytes (bf16) = 130 GiB of weights")
                .endsWith("the largest offer is 21 GiB (1 × NVIDIA-L4 on gpu-l4-0)");
    }

    @Test
    void seventyBillionBf16ParametersFitTwoH100s() {
        assertThat(GpuFit.check(GpuFit.need(70_000_000_000L, 2, "bf16", 2), 2, CLUSTER.subList(0, 1)).kind()).isEqualTo(GpuFit.Verdict.Kind.FITS);
    }

    @Test
    void aModelThatFitsOnlySomeNodesIsSteeredToThem() {
        GpuFit.Verdict v = GpuFit.check(GpuFit.need(13_000_000_000L, 2, "bf16", 1), 1, CLUSTER);
        assertThat(v.kind()).isEqualTo(GpuFit.Verdict.Kind.FITS_SOME);
        assertThat(v.minDeviceMiB()).isBetween(23035L, 81559L);
        assertThat(GpuFit.check(GpuFit.need(8_000_000_000L, 2, "bf16", 1), 1, CLUSTER).kind()).isEqualTo(GpuFit.Verdict.Kind.FITS);
    }

    @Test
    void quantisedWeightsNeedLess() {
        assertThat(GpuFit.bytesPerParameter("int4")).isEqualTo(0.5);
        assertThat(GpuFit.bytesPerParameter("BF16")).isEqualTo(2.0);
        assertThat(GpuFit.bytesPerParameter("F8_E4M3")).isEqualTo(1.0);
        assertThat(GpuFit.check(GpuFit.need(13_000_000_000L, 0.5, "int4", 1), 1, L4_ONLY).kind()).isEqualTo(GpuFit.Verdict.Kind.FITS);
    }

    @Test
    void withoutGpuLabelsNothingIsDecided() {
        assertThat(GpuFit.check(GpuFit.need(1_000_000_000L, 2, "bf16", 1), 1, List.of()).kind()).isEqualTo(GpuFit.Verdict.Kind.UNKNOWN);
    }
}
