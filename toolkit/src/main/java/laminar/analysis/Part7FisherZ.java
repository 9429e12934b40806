package laminar.analysis;

/**
 * Part 7 of the notebook: the Fisher-z illustration (7a) and the laminar selectivity of Part 6 recomputed on
 * Fisher-z transformed similarities (7b).
 */
public record Part7FisherZ(Part7aIllustration illustration, Part6LaminarSelectivity selectivity) {
}
