package dev.openmodel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiServerProfileTest {
    /** go tool pprof -raw's layout: samples (count, value: location ids, leaf first), then the locations, inlined functions on lines of their own. */
    static final String RAW = """
            PeriodType: cpu nanoseconds
            Period: 10000000
            Duration: 40.0
            Samples:
            samples/count cpu/nanoseconds
                      2   20000000: 1 2 3 
                      1   10000000: 4 5 
                      1   10000000: 6 3 
                      4   40000000: 7 
                      2   20000000: 8 9 
                      2   20000000: 9 
            Locations
                 1: 0x1 M=1 sigs.k8s.io/structured-merge-diff/v6/typed.handleAtom typed/helpers.go:1:0 s=0
                 2: 0x2 M=1 k8s.io/apiextensions-apiserver/pkg/apiserver.(*crdHandler).ServeHTTP crdhandler.go:2:0 s=0
                 3: 0x3 M=1 net/http.HandlerFunc.ServeHTTP server.go:3:0 s=0
                 4: 0x4 M=1 runtime.scanobject mgcmark.go:4:0 s=0
                 5: 0x5 M=1 runtime.gcDrain mgcmark.go:5:0 s=0
                         runtime.gcBgMarkWorker mgc.go:6:0 s=0
                 6: 0x6 M=1 k8s.io/apiserver/pkg/endpoints/handlers.UpdateResource.func1 update.go:7:0 s=0
                 8: 0x8 M=1 k8s.io/apiextensions-apiserver/pkg/registry/customresource.(*StatusREST).Update etcd.go:9:0 s=0
                 9: 0x9 M=1 k8s.io/apiserver/pkg/endpoints/handlers.(*patcher).patchResource.func3 patch.go:10:0 s=0
                 7: 0x7 M=1 syscall.Syscall syscall.go:8:0 s=0
            Mappings
            1: 0x0/0x1/0x0 kube-apiserver
            """;

    @Test
    void eachSampleGoesToTheFirstPartItsStackHolds() {
        var shares = ApiServerProfile.shares(RAW); // 12 samples
        assertThat(shares.get("custom resources")).as("the handler's own stack, and a write's storage goroutine without it")
                .isCloseTo(4 / 12.0, within(1e-9)); // before "HTTP and filters" and "applies and patches", which they hold too
        assertThat(shares.get("applies and patches")).isCloseTo(2 / 12.0, within(1e-9));
        assertThat(shares.get("garbage collection")).as("found through an inlined frame").isCloseTo(1 / 12.0, within(1e-9));
        assertThat(shares.get("updates")).isCloseTo(1 / 12.0, within(1e-9));
        assertThat(shares.get("other")).isCloseTo(4 / 12.0, within(1e-9));
        assertThat(shares.get("HTTP and filters")).isZero();
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        List<String> parts = new ArrayList<>(ApiServerProfile.PARTS.keySet());
        parts.add("other");
        assertThat(shares.keySet()).containsExactlyElementsOf(parts);
    }

    @Test
    void notPprofRawOutputIsRefused() {
        assertThatThrownBy(() -> ApiServerProfile.shares("some text\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Locations");
    }
}
