package laminar.analysis.inference;

/** Student's t upper tail P(T ≥ t), from the regularized incomplete beta (continued fraction, Lentz). */
final class StudentTail {

    private StudentTail() {
    }

    static double upper(double t, double df) {
        double x = df / (df + t * t);
        double half = 0.5 * incompleteBeta(x, df / 2, 0.5);
        return t >= 0 ? half : 1 - half;
    }

    /** I_x(a, b). */
    static double incompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - incompleteBeta(1 - x, b, a);
        }
        return front * fraction(x, a, b) / a;
    }

    private static double fraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m < 500; m++) {
            for (int even = 0; even < 2; even++) {
                double num = even == 0
                        ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                        : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
                d = 1 + num * d;
                d = 1 / (Math.abs(d) < tiny ? tiny : d);
                c = 1 + num / c;
                c = Math.abs(c) < tiny ? tiny : c;
                h *= d * c;
            }
            if (Math.abs(d * c - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** Lanczos approximation (g = 7, n = 9). */
    static double logGamma(double z) {
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (z < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
        }
        z -= 1;
        double s = g[0];
        for (int i = 1; i < 9; i++) {
            s += g[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
