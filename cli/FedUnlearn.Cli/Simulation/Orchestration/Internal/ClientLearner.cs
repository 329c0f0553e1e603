using FedUnlearn.Client;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning.Amnesiac;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The learner of simulated client <c>index</c>, built the same way whether the client runs in the simulation's
/// process or in its own (<c>fedunlearn client --scenario</c>): that is what makes the two modes give the same numbers.
/// </summary>
internal static class ClientLearner
{
    /// <summary>
    /// The learner; <paramref name="journal"/> (in process only) records its batch updates for federated <c>amnesiac</c>,
    /// keyed from <paramref name="journalOffset"/> (<see cref="AmnesiacHistory.Offset"/>).
    /// </summary>
    public static LocalLearner Create(ClassifierModel model, SimulationData data, int index, ITombstoneStore tombstones, LearnerContext node,
        AmnesiacJournal? journal = null, long journalOffset = 0)
    {
        var options = new LocalLearnerOptions
        {
            TestData = data.ClientTests[index],
            ForgetSamples = new DelegateForgetSampleSource(node.ResolveForgetSamplesAsync),
            Amnesiac = journal,
            AmnesiacRoundOffset = journalOffset,
            TrainingDefaults = new TrainingOptions { Optimizer = TrainingOptimizer.AdamW },
            // The simulation evaluates the global model centrally after each round; per-client figures would only cost time.
            EvaluateAfterTraining = false,
        };
        return new LocalLearner(model, data.Clients[index], tombstones, options);
    }
}
