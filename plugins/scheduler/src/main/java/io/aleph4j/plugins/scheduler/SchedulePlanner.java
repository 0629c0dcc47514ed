package io.aleph4j.plugins.scheduler;

import io.aleph4j.plugins.support.Sha256;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each persistent program runs: the same inputs give the same plan on every CCN, whatever their order.
 * Programs are taken by item hash; each goes to the first CRN, in its rendezvous order (sha256 of program and CRN
 * hashes: a CRN joining or leaving moves only the programs that rank it first), with room left for its memory and
 * vCPUs. A program no CRN has room for is left unplaced (and said so), not forced onto a full one.
 */
final class SchedulePlanner {

    /** A persistent program and what it asks for. */
    record Program(String hash, int vcpus, int memoryMib) {
    }

    /** A reachable CRN and its free resources, as its {@code /about/usage/system} says. */
    record Capacity(String crnHash, int cpus, long availableMemoryMib) {
    }

    /** The plan: CRN hash → programs (every CRN given, with an empty list when it gets none); and the unplaced. */
    record Plan(Map<String, List<String>> byCrn, List<String> unplaced) {
    }

    private SchedulePlanner() {
    }

    static Plan plan(List<Program> programs, List<Capacity> crns) {
        Map<String, List<String>> byCrn = new LinkedHashMap<>();
        Map<String, Long> memoryLeft = new HashMap<>();
        Map<String, Integer> cpusLeft = new HashMap<>();
        crns.stream().sorted(Comparator.comparing(Capacity::crnHash)).forEach(crn -> {
            byCrn.put(crn.crnHash(), new ArrayList<>());
            memoryLeft.put(crn.crnHash(), crn.availableMemoryMib());
            // vCPUs are shared, as the reference's CRNs share them, up to four programs' worth a core.
            cpusLeft.put(crn.crnHash(), crn.cpus() * 4);
        });
        List<String> unplaced = new ArrayList<>();
        for (Program program : programs.stream().sorted(Comparator.comparing(Program::hash)).toList()) {
            String chosen = null;
            for (String crn : rendezvous(program.hash(), byCrn.keySet())) {
                if (memoryLeft.get(crn) >= program.memoryMib() && cpusLeft.get(crn) >= program.vcpus()) {
                    chosen = crn;
                    break;
                }
            }
            if (chosen == null) {
                unplaced.add(program.hash());
                continue;
            }
            byCrn.get(chosen).add(program.hash());
            memoryLeft.merge(chosen, (long) -program.memoryMib(), Long::sum);
            cpusLeft.merge(chosen, -program.vcpus(), Integer::sum);
        }
        return new Plan(byCrn, unplaced);
    }

    /** The CRNs in the program's rendezvous order: highest sha256(program ‖ CRN) first. */
    static List<String> rendezvous(String program, Iterable<String> crns) {
        List<String> ordered = new ArrayList<>();
        crns.forEach(ordered::add);
        Map<String, String> weight = new HashMap<>();
        for (String crn : ordered) {
            weight.put(crn, Sha256.hex(program + crn));
        }
        ordered.sort(Comparator.comparing(weight::get, Comparator.reverseOrder()));
        return ordered;
    }

}
