namespace IamOps.Policy.Evaluation;

/// <summary>
/// Scratch for one evaluation on one thread: each context key is looked up once, and each distinct resource pattern and
/// condition of the policy set is decided once, however many statements share it. Reused per thread; a generation
/// number invalidates the previous evaluation's entries without clearing arrays.
/// </summary>
internal sealed class EvaluationState : IVariableResolver
{
    [ThreadStatic]
    private static EvaluationState? current;

    private int generation;
    private int[] keyStamps = new int[64];
    private ContextEntry?[] keyEntries = new ContextEntry?[64];
    private int[] memoStamps = new int[256];
    private bool[] memoResults = new bool[256];

    public AuthorizationRequest Request { get; private set; } = null!;

    /// <summary>The thread's state, reset for a new request; not reentrant (evaluation never calls back out).</summary>
    public static EvaluationState Begin(AuthorizationRequest request, int memoSlots)
    {
        var state = current ??= new EvaluationState();
        state.Request = request;
        if (state.generation == int.MaxValue)
        {
            Array.Clear(state.keyStamps, 0, state.keyStamps.Length);
            Array.Clear(state.memoStamps, 0, state.memoStamps.Length);
            state.generation = 0;
        }

        state.generation++;
        if (state.memoStamps.Length < memoSlots)
        {
            state.memoStamps = new int[memoSlots];
            state.memoResults = new bool[memoSlots];
        }

        return state;
    }

    /// <summary>The values of a condition key for this request, or null when absent.</summary>
    public ContextEntry? Find(int keyId, string key)
    {
        if (keyId < 0)
        {
            return Request.FindKey(key);
        }

        if (keyId < keyStamps.Length && keyStamps[keyId] == generation)
        {
            return keyEntries[keyId];
        }

        var entry = Request.FindKey(key);
        if (keyId >= keyStamps.Length)
        {
            var size = Math.Max(keyId + 1, keyStamps.Length * 2);
            Array.Resize(ref keyStamps, size);
            Array.Resize(ref keyEntries, size);
        }

        keyStamps[keyId] = generation;
        keyEntries[keyId] = entry;
        return entry;
    }

    public bool TryRecall(int slot, out bool result)
    {
        if (memoStamps[slot] == generation)
        {
            result = memoResults[slot];
            return true;
        }

        result = false;
        return false;
    }

    public bool Remember(int slot, bool result)
    {
        memoStamps[slot] = generation;
        memoResults[slot] = result;
        return result;
    }

    public string? ResolveVariable(in PatternToken variable)
    {
        var entry = Find(variable.KeyId, variable.Text!);
        return entry is { Values.Length: > 0 } ? entry.Values[0] : variable.Default;
    }
}
