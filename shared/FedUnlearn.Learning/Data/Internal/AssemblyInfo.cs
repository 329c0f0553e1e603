using System.Runtime.CompilerServices;

// The data layer's samplers (PRNG, gamma) are internal; their tests check the distributions directly.
[assembly: InternalsVisibleTo("FedUnlearn.Learning.Tests")]
