// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title Groundwork test token
/// @notice A plain ERC-20 for the local network: only the owner (the deployer) mints.
/// Never deploy it where the token is meant to have value.
contract TestToken is ERC20, Ownable {
    constructor(address owner_) ERC20("Groundwork Test Token", "GWT") Ownable(owner_) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
