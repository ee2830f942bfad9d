package sandbox

func noParentDeathSignal() { pdeathsig = 0 }
