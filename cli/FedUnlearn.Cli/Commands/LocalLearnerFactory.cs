using FedUnlearn.Client;
using FedUnlearn.Learning.Federated;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// Builds the learner the <c>client</c> command runs: FedUnlearn.Learning's LoRA learner on this node's
/// data, given the server's model spec, the device and the durable tombstones from <see cref="LearnerContext"/>.
/// The local training engine (LocalLearner) is being built on the learning branch and is not part of
/// this build yet; until it is wired here, the command says so instead of pretending to train.
/// </summary>
internal static class LocalLearnerFactory
{
    public static bool IsAvailable => false;

    public const string Unavailable =
        "this build has no local training engine yet (FedUnlearn.Learning's LocalLearner); embed FederationClient with your own ILocalLearner meanwhile.";

    public static ILocalLearner Create(LearnerContext context, ClientData data) =>
        throw new NotSupportedException(Unavailable);
}
