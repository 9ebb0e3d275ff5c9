package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.MofClassStatus;
import dev.openmodel.api.v1alpha1.OpennessStatus;
import dev.openmodel.license.LicenseResolver;
import dev.openmodel.openness.MofClassReport;
import dev.openmodel.openness.MofRelease;
import dev.openmodel.openness.OpennessAssessment;
import dev.openmodel.openness.OpennessClassifier;
import dev.openmodel.openness.OpennessPropertiesTest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The status names per MOF class only what the class adds to the classes below it, and loses nothing of the tool's lists. */
class OpennessStatusPropertiesTest {
    @Provide
    Arbitrary<MofRelease> releases() {
        return OpennessPropertiesTest.arbitraryReleases();
    }

    @Property(tries = 1000)
    void eachClassUnitedWithTheClassesBelowGivesTheToolsListBack(@ForAll("releases") MofRelease release) {
        OpennessAssessment assessment = OpennessClassifier.assess(release, LicenseResolver.resolve("Apache-2.0"));
        OpennessStatus status = StatusAggregator.openness(assessment);
        assertThat(status.classes).hasSize(3);
        check(assessment.classes(), status.classes, MofClassReport::missing, c -> c.missing);
        check(assessment.classes(), status.classes, MofClassReport::unlicensed, c -> c.unlicensed);
        check(assessment.classes(), status.classes, MofClassReport::notOpen, c -> c.notOpen);
        check(assessment.classes(), status.classes, MofClassReport::notTypeAppropriate, c -> c.notTypeAppropriate);
    }

    private static void check(List<MofClassReport> tool, List<MofClassStatus> status, Function<MofClassReport, List<String>> toolList,
            Function<MofClassStatus, List<String>> statusList) {
        Set<String> united = new LinkedHashSet<>();
        for (int i = 0; i < tool.size(); i++) {
            List<String> own = statusList.apply(status.get(i));
            if (own != null) {
                assertThat(own).as("%s names nothing a class below it names", status.get(i).mofClass).noneMatch(united::contains);
                united.addAll(own);
            }
            assertThat(united).as("%s with the classes below it", status.get(i).mofClass)
                    .containsExactlyInAnyOrderElementsOf(toolList.apply(tool.get(i)));
        }
    }
}
