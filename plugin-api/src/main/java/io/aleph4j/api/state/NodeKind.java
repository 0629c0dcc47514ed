package io.aleph4j.api.state;

import io.aleph4j.api.Experimental;

/** The two kinds of node the network's scoring measures. */
@Experimental("shaped by the scoring metrics the reference keeps; may move with the peers work")
public enum NodeKind {
    /** A core channel node: the {@code ccn} list of a metrics post. */
    CCN,
    /** A compute resource node: the {@code crn} list of a metrics post. */
    CRN
}
