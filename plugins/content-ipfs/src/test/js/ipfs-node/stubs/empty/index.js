throw new Error('optional dependency stubbed out (not installable offline)')
