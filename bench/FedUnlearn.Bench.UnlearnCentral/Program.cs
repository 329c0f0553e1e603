using FedUnlearn.Bench.UnlearnCentral;

// Usage: FedUnlearn.Bench.UnlearnCentral [--models mlp,vit] [--scenarios s1,s2,s3] [--methods rfa,nabla-tau,...]
//   [--threads N] [--cache DIR] [--out FILE] [--mlp-epochs N] [--vit-epochs N] [--retain-budget N] [--seed N]
var options = BenchOptions.Parse(args);
return await UnlearnCentralBenchmark.RunAsync(options, Console.Out, CancellationToken.None);
