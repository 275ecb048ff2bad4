package org.instancecap.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianTest {

    private static final double X = Double.POSITIVE_INFINITY;

    @Test
    void takes_the_cheapest_total_not_the_greedy_choice() {
        // greedy would give row 0 column 0 (1) and row 1 column 1 (10): 11; the best is 2 + 2 = 4
        assertThat(Hungarian.assign(new double[][] {{1, 2}, {2, 10}})).containsExactly(1, 0);
    }

    @Test
    void more_rows_than_columns_leaves_some_unassigned() {
        int[] a = Hungarian.assign(new double[][] {{0.5}, {0.1}, {0.9}});
        assertThat(a).containsExactly(-1, 0, -1);
    }

    @Test
    void forbidden_pairs_are_never_made() {
        assertThat(Hungarian.assign(new double[][] {{X, 0.3}, {X, 0.2}})).containsExactly(-1, 1);
        assertThat(Hungarian.assign(new double[][] {{X, X}})).containsExactly(-1);
    }

    @Test
    void empty_inputs() {
        assertThat(Hungarian.assign(new double[0][0])).isEmpty();
        assertThat(Hungarian.assign(new double[][] {{}, {}})).containsExactly(-1, -1);
    }

    @Test
    void matches_brute_force_on_random_square_matrices() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(5);
            double[][] cost = new double[n][n];
            for (double[] row : cost) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextInt(20);
                }
            }
            int[] a = Hungarian.assign(cost);
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += cost[i][a[i]];
            }
            assertThat(total).isEqualTo(best(cost, 0, new boolean[n]));
        }
    }

    private static double best(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                min = Math.min(min, cost[row][j] + best(cost, row + 1, used));
                used[j] = false;
            }
        }
        return min;
    }
}
