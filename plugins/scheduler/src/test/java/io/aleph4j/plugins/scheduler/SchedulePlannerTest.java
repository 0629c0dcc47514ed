package io.aleph4j.plugins.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.plugins.scheduler.SchedulePlanner.Capacity;
import io.aleph4j.plugins.scheduler.SchedulePlanner.Plan;
import io.aleph4j.plugins.scheduler.SchedulePlanner.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SchedulePlannerTest {

    private static final List<Program> PROGRAMS = List.of(
            new Program("a1", 1, 256), new Program("b2", 1, 256), new Program("c3", 2, 512),
            new Program("d4", 1, 128), new Program("e5", 1, 1024), new Program("f6", 1, 256));
    private static final List<Capacity> CRNS = List.of(
            new Capacity("crn-x", 2, 4096), new Capacity("crn-y", 2, 4096), new Capacity("crn-z", 2, 4096));

    @Test
    void theSameProgramsAndCrnsInAnyOrderGiveTheSamePlan() {
        Plan first = SchedulePlanner.plan(PROGRAMS, CRNS);
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            List<Program> programs = new ArrayList<>(PROGRAMS);
            List<Capacity> crns = new ArrayList<>(CRNS);
            Collections.shuffle(programs, random);
            Collections.shuffle(crns, random);

            assertThat(SchedulePlanner.plan(programs, crns)).isEqualTo(first);
        }
        assertThat(first.byCrn().values().stream().mapToInt(List::size).sum()).isEqualTo(PROGRAMS.size());
        assertThat(first.unplaced()).isEmpty();
    }

    @Test
    void eachProgramGoesToTheFirstCrnOfItsRendezvousOrderThatHasRoom() {
        Program program = new Program("only", 1, 1000);
        List<String> order = SchedulePlanner.rendezvous("only", List.of("crn-x", "crn-y", "crn-z"));
        List<Capacity> firstIsFull = List.of(new Capacity(order.get(0), 2, 999), new Capacity(order.get(1), 2, 1000),
                new Capacity(order.get(2), 2, 8000));

        Plan plan = SchedulePlanner.plan(List.of(program), firstIsFull);

        assertThat(plan.byCrn().get(order.get(1))).containsExactly("only");
        assertThat(plan.byCrn().get(order.get(0))).isEmpty();
    }

    @Test
    void aCrnsMemoryIsNotOverbookedAndWhatFitsNowhereIsLeftUnplaced() {
        List<Program> big = List.of(new Program("p1", 1, 600), new Program("p2", 1, 600), new Program("p3", 1, 600));

        Plan plan = SchedulePlanner.plan(big, List.of(new Capacity("small", 4, 1300)));

        assertThat(plan.byCrn().get("small")).hasSize(2);
        assertThat(plan.unplaced()).hasSize(1);
    }

    @Test
    void aCrnLeavingMovesOnlyTheProgramsThatWereOnIt() {
        Plan before = SchedulePlanner.plan(PROGRAMS, CRNS);
        List<Capacity> withoutZ = CRNS.stream().filter(crn -> !crn.crnHash().equals("crn-z")).toList();

        Plan after = SchedulePlanner.plan(PROGRAMS, withoutZ);

        for (String crn : List.of("crn-x", "crn-y")) {
            assertThat(after.byCrn().get(crn)).containsAll(before.byCrn().get(crn));
        }
        assertThat(after.byCrn().values().stream().mapToInt(List::size).sum()).isEqualTo(PROGRAMS.size());
    }
}
