using FedUnlearn.Bench.Engine;

// Usage: FedUnlearn.Bench.Engine [--threads N|default] [--mlp-steps N] [--vit-steps N] [--warmup N] [--batch N] [--models mlp,vit]
var options = EngineBenchOptions.Parse(args);
return EngineBenchmark.Run(options, Console.Out);
