using FedUnlearn.Bench.Aggregate;

return await AggregateBenchmark.RunAsync(args);
