mod sim_oracles;
